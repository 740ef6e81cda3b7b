import { randomUUID } from 'node:crypto';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PracticeSettings } from '../domain/practice-settings';
import type { Principal } from '../http/principal';
import { settingsOfThisRequest } from '../store/request-settings';
import { keys, TABLE_SCHEMA } from '../store/table-schema';
import type { Clock } from '../time/clock';
import type { AuditAction, AuditEntry } from './audit-entry';

/** One item of a TransactWriteItems, as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The actor of a change no person made (a scheduled job, the local seed). */
export const SYSTEM_ACTOR = 'system';

/** Who acted: the verified subject id (the JWT `sub`), never a name or an email. */
export function actorOf(principal: Pick<Principal, 'subject'> | undefined): string {
  return principal?.subject || SYSTEM_ACTOR;
}

/** What a change records: who, what, to which id. `at` is the clock's now. */
export interface AuditRecord {
  actor: string;
  action: AuditAction;
  target: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Opaque; present when more entries follow in the range. */
  nextCursor?: string;
}

const DAY_SECONDS = 86_400;
/** A TransactWriteItems holds at most 100 items; the entry takes one. */
export const MAX_AUDITED_ITEMS = 99;

/**
 * The audit log (issue 17): entries live in one partition per UTC month (`AUDIT#yyyy-mm`, sorted by
 * instant), written only inside the transaction of the change they record, never updated or deleted
 * through the API, and gone by TTL after the practice's `auditRetentionDays`.
 */
export class AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly settings: { get(): Promise<PracticeSettings> },
  ) {}

  /**
   * The Put of one entry, for the TransactWriteItems of the change it records. Conditional on a
   * new key, so an entry can never overwrite another.
   */
  async entry(record: AuditRecord): Promise<TransactItem> {
    const at = this.clock.now().toISOString();
    const retentionDays = (settingsOfThisRequest() ?? (await this.settings.get())).auditRetentionDays;
    const entry: AuditEntry = { at, actor: record.actor, action: record.action, target: record.target };
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.auditEntry(at, randomUUID()),
          type: 'audit',
          ...entry,
          [TABLE_SCHEMA.timeToLive]: Math.floor(Date.parse(at) / 1000) + retentionDays * DAY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /**
   * Writes the change's items and its entry in ONE transaction: both or neither. Throws what the
   * transaction throws (a refused condition is a TransactionCanceledException whose reasons list
   * the change's items first, the entry last), so a caller maps its own conditions as before.
   */
  async write(items: TransactItem[], record: AuditRecord): Promise<void> {
    if (items.length > MAX_AUDITED_ITEMS) throw new Error(`An audited change holds at most ${MAX_AUDITED_ITEMS} items, not ${items.length}`);
    await this.db.send(new TransactWriteCommand({ TransactItems: [...items, await this.entry(record)] }));
  }

  /**
   * Entries with `from <= at < to` (ISO instants in UTC, as `toISOString` writes them: the sort key
   * compares as a string), NEWEST FIRST, a page at a time: the month partitions from `to`'s back to
   * `from`'s, each read in descending order. Expired entries that TTL has not yet removed are left
   * out (DynamoDB deletes them up to days late). A cursor names where the previous page stopped; one
   * outside the range, or not made here, is InvalidAuditCursor.
   */
  async list(from: string, to: string, page: { limit?: number; cursor?: string } = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(page.limit ?? 500, 1), 1000);
    const [firstMonth, lastMonth] = [from.slice(0, 7), to.slice(0, 7)];
    const start = page.cursor ? decodeCursor(page.cursor) : { month: lastMonth };
    if (start.month < firstMonth || start.month > lastMonth) throw new InvalidAuditCursor();
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const entries: AuditEntry[] = [];
    for (let month = start.month, after = start.after; month >= firstMonth; month = previousMonth(month), after = undefined) {
      let exclusiveStartKey: Record<string, unknown> | undefined = after ? { PK: keys.auditMonth(month), SK: after } : undefined;
      do {
        const result = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            // SK = `<at>#<id>`: from <= at exactly when SK >= from; at < to exactly when SK < to (a `#` follows `at`).
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': keys.auditMonth(month), ':from': from, ':to': to },
            ScanIndexForward: false,
            ExclusiveStartKey: exclusiveStartKey,
            Limit: limit - entries.length,
          }),
        );
        for (const item of result.Items ?? []) {
          if (!(item.at >= from && item.at < to)) continue;
          if (Number(item[TABLE_SCHEMA.timeToLive]) <= nowSeconds) continue;
          entries.push({ at: item.at, actor: item.actor, action: item.action, target: item.target });
        }
        exclusiveStartKey = result.LastEvaluatedKey;
        if (entries.length >= limit) {
          const last = exclusiveStartKey ? String(exclusiveStartKey.SK) : undefined;
          const next = last ? encodeCursor({ month, after: last }) : month > firstMonth ? encodeCursor({ month: previousMonth(month) }) : undefined;
          return next ? { entries, nextCursor: next } : { entries };
        }
      } while (exclusiveStartKey);
    }
    return { entries };
  }
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

interface Cursor {
  month: string;
  after?: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    // `after` is a sort key of that month's partition (`<at>#<id>`), nothing else.
    if (typeof c.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(c.month) && (c.after === undefined || (typeof c.after === 'string' && c.after.startsWith(c.month) && c.after.length <= 100))) return c;
  } catch {
    /* falls through */
  }
  throw new InvalidAuditCursor();
}

/** A cursor this log did not hand out: the caller answers 400. */
export class InvalidAuditCursor extends Error {
  constructor() {
    super('The cursor is not one this API handed out.');
    this.name = 'InvalidAuditCursor';
  }
}
