import { actorOf } from '../../shared/audit/audit-log';
import { createTherapist } from '../../shared/admin/therapist-admin';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
// Composes the sign-ins (Cognito) into this function: it creates, links, disables or moves them.
import '../../shared/runtime/identity';

export const handler = httpHandler(OPERATIONS.createTherapist, async ({ principal, body }, deps) => ({ body: { therapist: await createTherapist(deps, body, actorOf(principal)) } }));
