import { areaRouter } from '../../../shared/http/area-router';
import { handler as getMe } from '../get-me';
import { handler as putMe } from '../put-me';
import { handler as getSchedule } from '../get-schedule';
import { handler as putSchedule } from '../put-schedule';
import { handler as previewSchedule } from '../preview-schedule';
import { handler as listOverrides } from '../list-overrides';
import { handler as putOverride } from '../put-override';
import { handler as deleteOverride } from '../delete-override';
import { handler as listTimeOff } from '../list-time-off';
import { handler as createTimeOff } from '../create-time-off';
import { handler as deleteTimeOff } from '../delete-time-off';
import { handler as listSessionTypes } from '../list-session-types';
import { handler as createSessionType } from '../create-session-type';
import { handler as updateSessionType } from '../update-session-type';
import { handler as deleteSessionType } from '../delete-session-type';
import { handler as listMyBookings } from '../list-my-bookings';
import { handler as cancelMyBooking } from '../cancel-my-booking';
import { handler as approveMyBooking } from '../approve-my-booking';
import { handler as declineMyBooking } from '../decline-my-booking';
import { handler as listMySeries } from '../list-my-series';
import { handler as createMySeries } from '../create-my-series';
import { handler as getMySeries } from '../get-my-series';
import { handler as endMySeries } from '../end-my-series';
import { handler as rescheduleMySeries } from '../reschedule-my-series';
import { handler as placeMySeriesOccurrence } from '../place-my-series-occurrence';
import { handler as getCalendarFeedUrl } from '../get-calendar-feed-url';
import { handler as rotateCalendarFeed } from '../rotate-calendar-feed';
import { handler as listMyCalendars } from '../list-my-calendars';
import { handler as createMyCalendar } from '../create-my-calendar';
import { handler as deleteMyCalendar } from '../delete-my-calendar';
import { handler as syncMyCalendar } from '../sync-my-calendar';
import { handler as getMyBusy } from '../get-my-busy';

/** The therapist area's function (a signed-in therapist's own data): each route goes to its own handler. */
export const handler = areaRouter('therapist', {
  getMe, putMe, getSchedule, putSchedule, previewSchedule, listOverrides, putOverride, deleteOverride, listTimeOff,
  createTimeOff, deleteTimeOff, listSessionTypes, createSessionType, updateSessionType, deleteSessionType,
  listMyBookings, cancelMyBooking, approveMyBooking, declineMyBooking, listMySeries, createMySeries, getMySeries, endMySeries, rescheduleMySeries,
  placeMySeriesOccurrence, getCalendarFeedUrl, rotateCalendarFeed, listMyCalendars, createMyCalendar, deleteMyCalendar, syncMyCalendar, getMyBusy,
});
