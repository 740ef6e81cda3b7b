import { readAudit } from '../../shared/audit/audit-range';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

/** The audit log, newest first, a page at a time: read only (no route writes, changes or deletes an entry). */
export const handler = httpHandler(OPERATIONS.listAuditEntries, async ({ query }, deps) => ({ body: await readAudit(deps, query) }));
