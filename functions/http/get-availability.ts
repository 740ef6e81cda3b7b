import { getAvailability } from '../../shared/availability/availability-service';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getAvailability, async ({ params, query }, deps) => ({
  body: await getAvailability(deps, { therapistId: params.therapistId, ...query }),
}));
