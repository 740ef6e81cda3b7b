import { syncCalendarNow } from '../../shared/calendars/calendar-sources';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import '../../shared/runtime/calendars';

export const handler = httpHandler(OPERATIONS.syncMyCalendar, async ({ me, params }, deps) => ({ body: { calendar: await syncCalendarNow(deps, me!, params.id) } }));
