import { createTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.createTherapist, async ({ body }, deps) => ({ body: { therapist: await createTherapist(deps, body) } }));
