import { actorOf } from '../../shared/audit/audit-log';
import { changePracticeSettings } from '../../shared/admin/practice-settings-service';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.putSettings, async ({ principal, body }, deps) => ({ body: { settings: await changePracticeSettings(deps, body, actorOf(principal)) } }));
