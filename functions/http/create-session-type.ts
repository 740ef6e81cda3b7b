import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { createSessionType } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.createSessionType, async ({ principal, me, body }, deps) => ({
  body: { sessionType: await createSessionType(deps, me!, body, actorOf(principal)) },
}));
