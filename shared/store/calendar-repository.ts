import { BatchWriteCommand, DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CalendarSource, ExternalBusy } from '../calendars/calendar-source';
import { writeOne, type Audit } from '../audit/audited';
import { putItem } from './put-item';
import { queryAll } from './query-all';
import { keys, TABLE_SCHEMA } from './table-schema';

const DAY_SECONDS = 86400;
/** DynamoDB's batch write takes at most 25 requests. */
const BATCH = 25;

/**
 * The therapist's other calendars (issue 15). A source lives in its own partition
 * (`CALENDARS#<therapistId>`), so the one query availability makes of the therapist partition never
 * reads a credential; its busy intervals live in the therapist partition, one item per source and UTC
 * month (`EXTBUSY#<sourceId>#<yyyy-mm>`), where that query already reads them (decision 92).
 */
export class CalendarRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(therapistId: string): Promise<CalendarSource[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.calendarsOfTherapist(therapistId) },
      ConsistentRead: true,
    });
    return items.map(toSource).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(therapistId: string, sourceId: string): Promise<CalendarSource | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.calendarSource(therapistId, sourceId), ConsistentRead: true }));
    return Item ? toSource(Item) : undefined;
  }

  /** Every source of every therapist, for the scheduled sync: one index partition, few items per practice. */
  async listAll(): Promise<Array<Pick<CalendarSource, 'therapistId' | 'id'>>> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.allCalendarSources() },
    });
    return items.map((item) => ({ therapistId: item.therapistId, id: item.id }));
  }

  async put(source: CalendarSource, options: { onlyIfNew?: boolean; audit?: Audit } = {}): Promise<boolean> {
    return putItem(
      this.db,
      this.tableName,
      {
        ...keys.calendarSource(source.therapistId, source.id),
        type: 'calendarSource',
        ...source,
        GSI1PK: keys.allCalendarSources(),
        GSI1SK: `${source.therapistId}#${source.id}`,
      },
      options,
    );
  }

  /**
   * Writes a sync's outcome onto the source, only while it exists: a sync that ends after the
   * therapist removed the source must not bring it back. False when it was gone.
   */
  async recordSync(therapistId: string, sourceId: string, outcome: Pick<CalendarSource, 'status' | 'updatedAt'> & Partial<Pick<CalendarSource, 'lastSyncedAt' | 'lastError' | 'failingSince'>>): Promise<boolean> {
    const set: string[] = ['#status = :status', 'updatedAt = :updatedAt'];
    const remove: string[] = [];
    const values: Record<string, unknown> = { ':status': outcome.status, ':updatedAt': outcome.updatedAt };
    for (const field of ['lastSyncedAt', 'lastError', 'failingSince'] as const) {
      if (outcome[field] === undefined) {
        if (field !== 'lastSyncedAt') remove.push(field);
      } else {
        set.push(`${field} = :${field}`);
        values[`:${field}`] = outcome[field];
      }
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.calendarSource(therapistId, sourceId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Removes the source's busy intervals (a source removed while its sync was writing them). */
  async deleteBusy(therapistId: string, sourceId: string): Promise<void> {
    const existing = await this.busyItemKeys(therapistId, sourceId);
    await this.batch(existing.map((Key) => ({ DeleteRequest: { Key } })));
  }

  /** Removes the source and its busy intervals; false when there was no such source. */
  async delete(therapistId: string, sourceId: string, audited?: Audit): Promise<boolean> {
    try {
      await writeOne(this.db, { Delete: { TableName: this.tableName, Key: keys.calendarSource(therapistId, sourceId), ConditionExpression: 'attribute_exists(PK)' } }, audited);
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    await this.deleteBusy(therapistId, sourceId);
    return true;
  }

  /**
   * Replaces the source's busy intervals with `intervals` (UTC, [start, end)): one item per UTC
   * month they touch, each interval cut at the month's edges; items of months no longer busy are
   * removed. Each item expires a week after its month ends, so past months leave by themselves.
   */
  async replaceBusy(therapistId: string, sourceId: string, intervals: ReadonlyArray<{ start: string; end: string }>): Promise<void> {
    const byMonth = splitByMonth(intervals);
    const existing = await this.busyItemKeys(therapistId, sourceId);
    const writes: Record<string, unknown>[] = [];
    for (const [month, monthIntervals] of byMonth) {
      const monthEnd = Date.parse(`${nextMonth(month)}-01T00:00:00Z`);
      writes.push({
        PutRequest: {
          Item: { ...keys.externalBusy(therapistId, sourceId, month), type: 'externalBusy', sourceId, month, intervals: monthIntervals, expiresAt: Math.floor(monthEnd / 1000) + 7 * DAY_SECONDS },
        },
      });
    }
    for (const key of existing) {
      const month = String(key.SK).split('#')[2]!;
      if (!byMonth.has(month)) writes.push({ DeleteRequest: { Key: key } });
    }
    await this.batch(writes);
  }

  /** The busy intervals of one therapist's sources overlapping [from, to), for the console's week. */
  async busyBetween(therapistId: string, from: Date, to: Date): Promise<ExternalBusy[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :busy)',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey, '#sk': TABLE_SCHEMA.sortKey },
      ExpressionAttributeValues: { ':pk': keys.therapistPartition(therapistId), ':busy': 'EXTBUSY#' },
      ConsistentRead: true,
    });
    return busyOfItems(items).filter((b) => Date.parse(b.start) < to.getTime() && Date.parse(b.end) > from.getTime());
  }

  private async busyItemKeys(therapistId: string, sourceId: string): Promise<Array<{ PK: string; SK: string }>> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey, '#sk': TABLE_SCHEMA.sortKey },
      ExpressionAttributeValues: { ':pk': keys.therapistPartition(therapistId), ':prefix': `EXTBUSY#${sourceId}#` },
      ProjectionExpression: '#pk, #sk',
      ConsistentRead: true,
    });
    return items.map((item) => ({ PK: item.PK, SK: item.SK }));
  }

  private async batch(requests: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + BATCH);
      // Unprocessed items (throttling) are sent again until none is left.
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const answer: { UnprocessedItems?: Record<string, unknown[]> } = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = answer.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }
}

/** The external busy intervals held by busy items of the therapist partition (expired months dropped by the reader's TTL filter). */
export function busyOfItems(items: ReadonlyArray<Record<string, any>>): ExternalBusy[] {
  const busy: ExternalBusy[] = [];
  for (const item of items) {
    if (typeof item.SK !== 'string' || !item.SK.startsWith('EXTBUSY#')) continue;
    for (const interval of (item.intervals ?? []) as Array<{ start: string; end: string }>) busy.push({ start: interval.start, end: interval.end, sourceId: item.sourceId });
  }
  return busy;
}

/** The intervals merged where they overlap and cut at UTC month edges, by month (`yyyy-mm`). */
export function splitByMonth(intervals: ReadonlyArray<{ start: string; end: string }>): Map<string, Array<{ start: string; end: string }>> {
  const sorted = intervals
    .map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) }))
    .filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end) && i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  const byMonth = new Map<string, Array<{ start: string; end: string }>>();
  for (const { start, end } of merged) {
    let from = start;
    while (from < end) {
      const month = new Date(from).toISOString().slice(0, 7);
      const edge = Date.parse(`${nextMonth(month)}-01T00:00:00Z`);
      const to = Math.min(end, edge);
      const list = byMonth.get(month) ?? [];
      list.push({ start: new Date(from).toISOString(), end: new Date(to).toISOString() });
      byMonth.set(month, list);
      from = to;
    }
  }
  return byMonth;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

function toSource(item: Record<string, any>): CalendarSource {
  return {
    id: item.id,
    therapistId: item.therapistId,
    kind: item.kind,
    url: item.url,
    ...(item.label ? { label: item.label } : {}),
    ...(item.username ? { username: item.username } : {}),
    ...(item.passwordCiphertext ? { passwordCiphertext: item.passwordCiphertext } : {}),
    writeBookings: item.writeBookings === true,
    status: item.status,
    ...(item.lastSyncedAt ? { lastSyncedAt: item.lastSyncedAt } : {}),
    ...(item.lastError ? { lastError: item.lastError } : {}),
    ...(item.failingSince ? { failingSince: item.failingSince } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
