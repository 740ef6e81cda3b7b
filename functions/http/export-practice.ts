import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { exportPractice } from '../../shared/privacy/practice-export';

export const handler = httpHandler(OPERATIONS.exportPractice, async ({ query, principal }, deps) => ({ body: await exportPractice(deps, actorOf(principal), { cursor: query.cursor, ...(query.limit ? { limit: Number(query.limit) } : {}) }) }));
