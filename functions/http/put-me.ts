import { actorOf } from '../../shared/audit/audit-log';
import { updateTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
// Composes the sign-ins (Cognito) into this function: it creates, links, disables or moves them.
import '../../shared/runtime/identity';

// A therapist's own new address must confirm itself before it becomes their sign-in and recovery address.
export const handler = httpHandler(OPERATIONS.putMe, async ({ principal, me, body }, deps) => ({
  body: { therapist: await updateTherapist(deps, me!.id, { displayName: body.displayName, email: body.email, bio: body.bio, photoUrl: body.photoUrl }, { emailVerified: false, actor: actorOf(principal), action: 'profile.update' }) },
}));
