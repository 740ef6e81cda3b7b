import { actorOf } from '../../shared/audit/audit-log';
import { removeCalendar } from '../../shared/calendars/calendar-sources';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import '../../shared/runtime/calendars';

export const handler = httpHandler(OPERATIONS.deleteMyCalendar, async ({ principal, me, params }, deps) => {
  await removeCalendar(deps, me!, params.id, actorOf(principal));
  return { status: 204, body: undefined };
});
