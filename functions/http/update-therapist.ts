import { actorOf } from '../../shared/audit/audit-log';
import { updateTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
// Composes the sign-ins (Cognito) into this function: it creates, links, disables or moves them.
import '../../shared/runtime/identity';

// An admin vouches for the address they enter, as when they created the therapist.
// The photo is replaced as a whole: a PUT without it removes it (named, so that `undefined` reaches the store).
export const handler = httpHandler(OPERATIONS.updateTherapist, async ({ principal, params, body }, deps) => ({
  body: { therapist: await updateTherapist(deps, params.therapistId, { ...body, photoUrl: body.photoUrl }, { emailVerified: true, actor: actorOf(principal), action: 'therapist.update' }) },
}));
