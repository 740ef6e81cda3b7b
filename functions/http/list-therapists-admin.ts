import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.listTherapistsAdmin, async (_request, deps) => ({ body: { therapists: await deps.therapists.listAll() } }));
