import { actorOf } from '../../shared/audit/audit-log';
import { addCalendar } from '../../shared/calendars/calendar-sources';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import '../../shared/runtime/calendars';

export const handler = httpHandler(OPERATIONS.createMyCalendar, async ({ principal, me, body }, deps) => ({ status: 201, body: { calendar: await addCalendar(deps, me!, body, actorOf(principal)) } }));
