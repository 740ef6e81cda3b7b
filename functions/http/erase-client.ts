import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { eraseClient } from '../../shared/privacy/client-erasure';

export const handler = httpHandler(OPERATIONS.eraseClient, async ({ body, principal }, deps) => ({ body: await eraseClient(deps, actorOf(principal), body.email) }));
