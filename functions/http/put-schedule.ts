import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { replaceSchedule } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.putSchedule, async ({ me, body }, deps) => ({ body: { schedule: await replaceSchedule(deps, me!, body) } }));
