import { listCalendars } from '../../shared/calendars/calendar-sources';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import '../../shared/runtime/calendars';

export const handler = httpHandler(OPERATIONS.listMyCalendars, async ({ me }, deps) => ({ body: { calendars: await listCalendars(deps, me!) } }));
