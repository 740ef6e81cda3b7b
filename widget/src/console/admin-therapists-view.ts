import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const adminTherapistsView: ViewDefinition = {
  route: '#/admin/therapists',
  title: 'Therapists',
  area: 'admin',
  open: async () => ({ element: h('p', null, 'Therapists') }),
};
