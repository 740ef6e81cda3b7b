import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getSettings, async (_request, deps) => ({ body: { settings: await deps.settings.get() } }));
