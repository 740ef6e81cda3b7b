import { calendarFeed } from '../../shared/calendar/calendar-feed';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getCalendarFeed, async ({ params }, deps) => ({
  body: await calendarFeed(deps, params.therapistId, params.feedToken),
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="appointments.ics"' },
}));
