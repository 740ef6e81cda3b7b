import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const adminSettingsView: ViewDefinition = {
  route: '#/admin/settings',
  title: 'Practice settings',
  area: 'admin',
  open: async () => ({ element: h('p', null, 'Practice settings') }),
};
