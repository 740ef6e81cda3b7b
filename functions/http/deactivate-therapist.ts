import { actorOf } from '../../shared/audit/audit-log';
import { deactivateTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
// Composes the sign-ins (Cognito) into this function: it creates, links, disables or moves them.
import '../../shared/runtime/identity';

export const handler = httpHandler(OPERATIONS.deactivateTherapist, async ({ principal, params }, deps) => ({
  body: { therapist: await deactivateTherapist(deps, params.therapistId, actorOf(principal)) },
}));
