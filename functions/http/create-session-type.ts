import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { createSessionType } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.createSessionType, async ({ me, body }, deps) => ({
  body: { sessionType: await createSessionType(deps, me!, body) },
}));
