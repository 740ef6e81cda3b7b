import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteSessionType } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.deleteSessionType, async ({ me, params }, deps) => {
  await deleteSessionType(deps, me!, params.id);
  return { status: 204, body: undefined };
});
