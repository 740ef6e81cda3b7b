import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const daysOffView: ViewDefinition = {
  route: '#/days-off',
  title: 'Days off and time off',
  area: 'therapist',
  open: async () => ({ element: h('p', null, 'Days off and time off') }),
};
