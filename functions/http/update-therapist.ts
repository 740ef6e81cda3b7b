import { updateTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

// An admin vouches for the address they enter, as when they created the therapist.
export const handler = httpHandler(OPERATIONS.updateTherapist, async ({ params, body }, deps) => ({
  body: { therapist: await updateTherapist(deps, params.therapistId, body, { emailVerified: true }) },
}));
