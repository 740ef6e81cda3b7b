import { busyTimes } from '../../shared/calendars/calendar-sources';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import '../../shared/runtime/calendars';

export const handler = httpHandler(OPERATIONS.getMyBusy, async ({ me, query }, deps) => ({ body: { busy: await busyTimes(deps, me!, query.from, query.to) } }));
