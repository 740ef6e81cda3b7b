import { writeCalendarBookings, writeTargetsFrom } from '../../shared/calendars/calendar-write-back';
import { eventHandler } from '../../shared/events/event-handler';
// What this function uses: the table (bookings, the therapist's calendar sources) and the calendars' password box.
import '../../shared/runtime/table';
import '../../shared/runtime/calendars';

export const handler = eventHandler(
  ['booking.confirmed', 'booking.rescheduled', 'booking.cancelled', 'booking.declined', 'booking.expired'],
  (deps, event) => writeCalendarBookings({ bookings: deps.bookings, clock: deps.clock, writeTargets: writeTargetsFrom(deps) }, event),
);
