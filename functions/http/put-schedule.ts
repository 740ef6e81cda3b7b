import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { replaceSchedule } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.putSchedule, async ({ principal, me, body }, deps) => ({ body: { schedule: await replaceSchedule(deps, me!, body, actorOf(principal)) } }));
