import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const hoursView: ViewDefinition = {
  route: '#/hours',
  title: 'Hours',
  area: 'therapist',
  open: async () => ({ element: h('p', null, 'Hours') }),
};
