import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const weekView: ViewDefinition = {
  route: '#/week',
  title: 'Week',
  area: 'therapist',
  open: async () => ({ element: h('p', null, 'Week') }),
};
