import { requestsView } from './requests-view';
import { weekView } from './week-view';
import { seriesView } from './series-view';
import { hoursView } from './hours-view';
import { daysOffView } from './days-off-view';
import { sessionTypesView } from './session-types-view';
import { calendarFeedView } from './calendar-feed-view';
import { otherCalendarsView } from './other-calendars-view';
import { adminTherapistsView } from './admin-therapists-view';
import { adminSettingsView } from './admin-settings-view';
import { adminDataView } from './admin-data-view';
import { securityView } from './security-view';
import { adminAuditView } from './admin-audit-view';
import type { ViewDefinition } from './views';

/** The console's views in menu order. */
export const allViews: ViewDefinition[] = [
  requestsView,
  weekView,
  seriesView,
  hoursView,
  daysOffView,
  sessionTypesView,
  calendarFeedView,
  otherCalendarsView,
  adminTherapistsView,
  adminSettingsView,
  adminDataView,
  adminAuditView,
  securityView,
];
