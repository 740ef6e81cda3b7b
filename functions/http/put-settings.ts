import { changePracticeSettings } from '../../shared/admin/practice-settings-service';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.putSettings, async ({ body }, deps) => ({ body: { settings: await changePracticeSettings(deps, body) } }));
