import { previewSchedule } from '../../shared/availability/schedule-preview';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.previewSchedule, async ({ me, body }, deps) => ({ body: await previewSchedule(deps, me!, body) }));
