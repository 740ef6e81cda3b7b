import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const sessionTypesView: ViewDefinition = {
  route: '#/session-types',
  title: 'Session types',
  area: 'therapist',
  open: async () => ({ element: h('p', null, 'Session types') }),
};
