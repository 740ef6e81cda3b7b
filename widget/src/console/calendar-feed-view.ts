import { h } from '../dom';
import type { ViewDefinition } from './views';

/** Placeholder: replaced by the real view. */
export const calendarFeedView: ViewDefinition = {
  route: '#/calendar-feed',
  title: 'Calendar feed',
  area: 'therapist',
  open: async () => ({ element: h('p', null, 'Calendar feed') }),
};
