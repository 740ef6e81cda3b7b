import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteTimeOff } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.deleteTimeOff, async ({ me, params }, deps) => {
  await deleteTimeOff(deps, me!, params.id);
  return { status: 204, body: undefined };
});
