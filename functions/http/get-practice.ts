import { publicPractice } from '../../shared/admin/public-practice';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getPractice, async (_request, deps) => ({ body: { practice: publicPractice(await deps.settings.get()) } }));
