import { updateTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.updateTherapist, async ({ params, body }, deps) => ({
  body: { therapist: await updateTherapist(deps, params.therapistId, body) },
}));
