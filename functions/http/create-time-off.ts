import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { createTimeOff } from '../../shared/therapists/availability-rules';

export const handler = httpHandler(OPERATIONS.createTimeOff, async ({ principal, me, body }, deps) => ({
  body: { timeOff: await createTimeOff(deps, me!, { start: body.start, end: body.end, ...(body.label ? { label: body.label } : {}) }, actorOf(principal)) },
}));
