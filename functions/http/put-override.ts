import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { putOverride } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.putOverride, async ({ principal, me, body }, deps) => ({ body: { override: await putOverride(deps, me!, body, actorOf(principal)) } }));
