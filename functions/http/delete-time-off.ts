import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteTimeOff } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.deleteTimeOff, async ({ principal, me, params }, deps) => {
  await deleteTimeOff(deps, me!, params.id, actorOf(principal));
  return { status: 204, body: undefined };
});
