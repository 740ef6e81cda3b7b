import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../audit/audit-log';
import type { AppConfig } from '../config/config';
import type { PracticeSettings } from '../domain/practice-settings';
import type { Therapist } from '../domain/therapist';
import { validationFailed } from '../errors/domain-errors';
import { toBooking } from '../store/booking-item';
import { toStoredSeries } from '../store/series-item';
import { TABLE_SCHEMA } from '../store/table-schema';
import { toSessionType, toTherapist } from '../store/therapist-repository';
import type { Clock } from '../time/clock';

export interface PracticeExportPorts {
  db: DynamoDBDocumentClient;
  config: Pick<AppConfig, 'tableName'>;
  clock: Clock;
  settings: { get(): Promise<PracticeSettings> };
  audit: Pick<AuditLog, 'write'>;
}

type ExportRecord = Record<string, unknown>;
export interface PracticeExportPage {
  format: 'practice-export.v1';
  therapists: Therapist[];
  schedules: ExportRecord[];
  sessionTypes: ExportRecord[];
  overrides: ExportRecord[];
  timeOff: ExportRecord[];
  bookings: ExportRecord[];
  series: ExportRecord[];
  settings?: PracticeSettings;
  nextCursor?: string;
}

/**
 * The item kinds an export carries, each through an allow-list of its fields (decision 138): a
 * kind not named here (day ledgers, holds, reminders, idempotency records, delivery claims,
 * suppressions, client histories, rate counters, calendar sources and their busy times, audit
 * entries) is never exported, and a field not named (storage keys, TTLs, versions, sign-in
 * usernames, calendar-feed versions) never leaves either.
 */
const EXPORTED = ['therapist', 'schedule', 'sessionType', 'override', 'timeOff', 'booking', 'series'] as const;
/** Items read per page: one Scan call, well inside a Lambda's time and a response's size. */
export const EXPORT_PAGE_ITEMS = 500;

const therapistIdOf = (item: Record<string, any>) => String(item.PK).replace(/^THERAPIST#/, '');

/**
 * One page of the practice's data (issue 17): a page of a Scan of the table, so a practice of any
 * size leaves with everything by following `nextCursor`; the settings come with the first page.
 * Items whose TTL has passed (DynamoDB deletes them lazily) are left out. Each call writes a
 * `practice.export` audit entry (with a transaction of that entry alone: an export changes nothing).
 */
export async function exportPractice(deps: PracticeExportPorts, actor: string, page: { cursor?: string; limit?: number } = {}): Promise<PracticeExportPage> {
  const { cursor } = page;
  const ExclusiveStartKey = cursor === undefined ? undefined : decodeCursor(cursor);
  const scanned = await deps.db.send(new ScanCommand({
    TableName: deps.config.tableName,
    FilterExpression: `#type IN (${EXPORTED.map((_, i) => `:t${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: Object.fromEntries(EXPORTED.map((t, i) => [`:t${i}`, t])),
    ConsistentRead: true,
    Limit: page.limit ?? EXPORT_PAGE_ITEMS,
    ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
  }));
  const result: PracticeExportPage = { format: 'practice-export.v1', therapists: [], schedules: [], sessionTypes: [], overrides: [], timeOff: [], bookings: [], series: [] };
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  for (const item of scanned.Items ?? []) {
    const expiresAt = item[TABLE_SCHEMA.timeToLive];
    if (typeof expiresAt === 'number' && expiresAt <= nowSeconds) continue;
    switch (item.type) {
      case 'therapist':
        result.therapists.push(toTherapist(item));
        break;
      case 'schedule':
        result.schedules.push({ therapistId: therapistIdOf(item), ...item.schedule });
        break;
      case 'sessionType':
        result.sessionTypes.push({ therapistId: therapistIdOf(item), ...toSessionType(item) });
        break;
      case 'override':
        result.overrides.push({ therapistId: therapistIdOf(item), date: item.date, intervals: item.intervals });
        break;
      case 'timeOff':
        result.timeOff.push({ therapistId: therapistIdOf(item), id: item.id, start: item.start, end: item.end, ...(item.label ? { label: item.label } : {}) });
        break;
      case 'booking':
        result.bookings.push({ ...toBooking(item) });
        break;
      case 'series':
        result.series.push({ ...toStoredSeries(item).series });
        break;
    }
  }
  if (cursor === undefined) result.settings = await deps.settings.get();
  if (scanned.LastEvaluatedKey) result.nextCursor = encodeCursor(scanned.LastEvaluatedKey);
  await deps.audit.write([], { actor, action: 'practice.export', target: 'practice' });
  return result;
}

// The cursor is the Scan's last key (the table's two key attributes, both strings), opaque to the caller.
const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify([key.PK, key.SK])).toString('base64url');

function decodeCursor(cursor: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 1024)) {
      return { PK: parsed[0], SK: parsed[1] };
    }
  } catch {
    /* falls through */
  }
  throw validationFailed('The cursor is not one this API handed out.', [{ path: 'cursor', message: 'must be a nextCursor from an earlier page' }]);
}
