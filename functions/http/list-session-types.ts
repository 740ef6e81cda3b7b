import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { listSessionTypes } from '../../shared/therapists/session-types';

export const handler = httpHandler(OPERATIONS.listSessionTypes, async ({ me }, deps) => ({ body: { sessionTypes: await listSessionTypes(deps, me!) } }));
