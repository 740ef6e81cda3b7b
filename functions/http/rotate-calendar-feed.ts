import { actorOf } from '../../shared/audit/audit-log';
import { rotateCalendarFeed } from '../../shared/calendar/calendar-feed';
import { apiBaseUrl } from '../../shared/http/api-base-url';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.rotateCalendarFeed, async ({ principal, me, event }, deps) => ({
  body: { url: await rotateCalendarFeed(deps, me!, apiBaseUrl(deps.config, event), actorOf(principal)) },
}));
