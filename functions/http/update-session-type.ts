import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { updateSessionType } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.updateSessionType, async ({ principal, me, params, body }, deps) => ({
  body: { sessionType: await updateSessionType(deps, me!, params.id, body, actorOf(principal)) },
}));
