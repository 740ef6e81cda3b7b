import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteOverride } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.deleteOverride, async ({ principal, me, params }, deps) => {
  await deleteOverride(deps, me!, params.date, actorOf(principal));
  return { status: 204, body: undefined };
});
