import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteSessionType } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.deleteSessionType, async ({ principal, me, params }, deps) => {
  await deleteSessionType(deps, me!, params.id, actorOf(principal));
  return { status: 204, body: undefined };
});
