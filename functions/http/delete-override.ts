import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { deleteOverride } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.deleteOverride, async ({ me, params }, deps) => {
  await deleteOverride(deps, me!, params.date);
  return { status: 204, body: undefined };
});
