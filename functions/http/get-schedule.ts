import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { getSchedule } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.getSchedule, async ({ me }, deps) => ({ body: { schedule: await getSchedule(deps, me!) } }));
