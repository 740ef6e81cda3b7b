import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { listOverrides } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.listOverrides, async ({ me }, deps) => ({ body: { overrides: await listOverrides(deps, me!) } }));
