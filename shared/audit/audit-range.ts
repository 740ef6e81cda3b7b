import { validationFailed } from '../errors/domain-errors';
import { InvalidAuditCursor, type AuditLog, type AuditPage } from './audit-log';

/** What `GET /v1/admin/audit` reads by default, and at most at once (13 months: a year and its month of overlap). */
export const DEFAULT_AUDIT_DAYS = 30;
export const MAX_AUDIT_RANGE_DAYS = 397;
export const DEFAULT_AUDIT_PAGE = 200;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

/**
 * The range asked for, as UTC instants `[from, to)` written the way entries are (the sort key
 * compares as a string, so `+01:00` must not reach it). A date means its start for `from` and its
 * whole day for `to` (UTC). Defaults: `to` just after now, `from` 30 days before `to`.
 */
export function auditRange(query: Pick<AuditQuery, 'from' | 'to'>, now: Date): { from: string; to: string } {
  const to = query.to ? (DATE.test(query.to) ? Date.parse(`${query.to}T00:00:00Z`) + DAY_MS : Date.parse(query.to)) : now.getTime() + 1;
  const from = query.from ? Date.parse(DATE.test(query.from) ? `${query.from}T00:00:00Z` : query.from) : to - DEFAULT_AUDIT_DAYS * DAY_MS;
  if (to <= from) throw validationFailed('The range ends before it starts.', [{ path: 'to', message: 'must be after from' }]);
  if (to - from > MAX_AUDIT_RANGE_DAYS * DAY_MS) {
    throw validationFailed(`A range may cover at most ${MAX_AUDIT_RANGE_DAYS} days (13 months).`, [{ path: 'from', message: `must be at most ${MAX_AUDIT_RANGE_DAYS} days before to` }]);
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** One page of the audit log for the admin's query; a cursor this API did not hand out (or for another range) is a 400. */
export async function readAudit(deps: { audit: Pick<AuditLog, 'list'>; clock: { now(): Date } }, query: AuditQuery): Promise<AuditPage> {
  const { from, to } = auditRange(query, deps.clock.now());
  const limit = query.limit ? Number(query.limit) : DEFAULT_AUDIT_PAGE;
  try {
    return await deps.audit.list(from, to, { limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  } catch (error) {
    if (error instanceof InvalidAuditCursor) throw validationFailed(error.message, [{ path: 'cursor', message: 'must be the nextCursor of an earlier page of this range' }]);
    throw error;
  }
}
