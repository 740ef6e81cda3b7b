import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { listTimeOff } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.listTimeOff, async ({ me }, deps) => ({ body: { timeOff: await listTimeOff(deps, me!) } }));
