import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { withEntry, writeOne, type Audit } from '../audit/audited';
import type { Booking } from '../domain/booking';
import { DomainError } from '../errors/domain-errors';
import type { PracticeSettings } from '../domain/practice-settings';
import { toBooking } from './booking-item';
import { queryAll } from './query-all';
import { noteSettings } from './request-settings';
import { toPracticeSettings } from './settings-repository';
import { seriesCondition, seriesItem, toStoredSeries, type StoredSeries } from './series-item';
import { keys, TABLE_SCHEMA } from './table-schema';
import { activeItemWrite, counterItem, rateLimited, toActiveItem, type ActiveChange, type ActiveItem, type CounterClaim } from '../abuse/rate-limits';
import type { Series } from '../series/series';

/** One booking's blocked time as recorded on a therapist-local date: `[start, end)`, end includes the buffer. */
export interface LedgerEntry {
  bookingId: string;
  start: string;
  end: string;
  /** A held booking's entry blocks only until this instant (exclusive); absent: until cancelled. */
  holdUntil?: string;
}

/** The busy intervals of one therapist-local date. Version 0 means the item does not exist yet. */
export interface DayLedger {
  date: string;
  version: number;
  entries: LedgerEntry[];
}

export interface IdempotencyRecord {
  requestHash: string;
  bookingId: string;
  /** Epoch seconds; from then on the key is free again. */
  expiresAt: number;
}

/** Everything one booking write needs besides the therapist's configuration: one BatchGetItem. */
export interface BookingWriteContext {
  ledgers: Map<string, DayLedger>;
  idempotency?: IdempotencyRecord;
  settings: PracticeSettings;
  /** The active-bookings items asked for (rate-limits.ts), in the order of the keys given. */
  active: ActiveItem[];
}

/** A write of a booking and the day ledgers it touches, applied in one transaction. */
export interface BookingCommit {
  booking: Booking;
  /** `new`: the booking must not exist; a number: the stored booking must still have this sequence. */
  expect: 'new' | number;
  expiresAt: number;
  ledgers: DayLedger[];
  /** Ledgers that were read to decide but are not written: they must still be as read. */
  unchanged?: DayLedger[];
  /** `now` (epoch seconds): a record of the same key that expired by then may be overwritten. */
  idempotency?: IdempotencyRecord & { keyHash: string; now: number };
  /**
   * The booking's series as it must be after this change, written in the same transaction and
   * conditioned on the version that was read (0: it must not exist yet): the series record always
   * knows exactly which of its occurrences exist (decision 59).
   */
  series?: { series: Series; expect: number };
  /**
   * The booking's hold item (decision 75), in the same transaction: `put` writes it for the
   * booking's `holdUntil` (replacing an earlier one), `delete` removes it once the booking holds
   * nothing. The expiry sweep finds held bookings through it.
   */
  hold?: 'put' | 'delete';
  /** A therapist's change (issue 17): its audit entry is written last in the same transaction. */
  audit?: Audit;
  /** Abuse-limit counters this write increments (decision 126): over a limit, the whole write is refused with 429. */
  counters?: CounterClaim[];
  /** Active-bookings items this write changes, each conditioned on the version read (decision 127). */
  active?: ActiveChange[];
}

/** A held booking's entry in the expiry sweep's index. */
export interface HoldItem {
  bookingId: string;
  therapistId: string;
  holdUntil: string;
}

/** Why a transaction was refused: the caller re-reads and decides again (or replays). */
export class CommitRefused extends Error {
  constructor(readonly reason: 'ledger_changed' | 'booking_changed' | 'series_changed' | 'idempotency_key_used' | 'transaction_conflict') {
    super(`commit refused: ${reason}`);
    this.name = 'CommitRefused';
  }
}

const DAY_SECONDS = 86400;

export class BookingRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(bookingId: string): Promise<Booking | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.booking(bookingId), ConsistentRead: true }));
    return Item ? toBooking(Item) : undefined;
  }

  /**
   * The ledgers of the given dates, the idempotency record (unless it expired by `now`) and the
   * practice settings in one BatchGetItem.
   */
  async readWriteContext(therapistId: string, dates: string[], idempotencyKey?: { keyHash: string; now: Date }, activeKeys: { PK: string; SK: string }[] = []): Promise<BookingWriteContext> {
    const wanted = [
      ...dates.map((date) => keys.day(therapistId, date)),
      keys.practiceSettings(),
      ...(idempotencyKey ? [keys.idempotency(idempotencyKey.keyHash)] : []),
      ...activeKeys,
    ];
    const items: Record<string, any>[] = [];
    let pending: Record<string, any>[] = wanted;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(200, 20 * 2 ** attempt));
      const response = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(response.Responses?.[this.tableName] ?? []));
      pending = response.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      if (attempt > 8 && pending.length > 0) throw new Error('BatchGetItem left keys unprocessed after retries');
    }
    const ledgers = new Map<string, DayLedger>(dates.map((date) => [date, { date, version: 0, entries: [] }]));
    let settings: PracticeSettings = toPracticeSettings(undefined);
    let idempotency: IdempotencyRecord | undefined;
    const activeFound = new Map<string, Record<string, any>>();
    for (const item of items) {
      if (typeof item.PK === 'string' && item.PK.startsWith('RATE#')) activeFound.set(item.PK, item);
      else if (item.PK === 'PRACTICE') settings = toPracticeSettings(item);
      else if (typeof item.PK === 'string' && item.PK.startsWith('IDEMPOTENCY#')) idempotency = liveRecord(item, idempotencyKey!.now);
      else if (typeof item.SK === 'string' && item.SK.startsWith('DAY#')) ledgers.set(item.SK.slice(4), toLedger(item));
    }
    noteSettings(settings); // the CORS decision after the handler needs no read of its own
    const active = activeKeys.map((key) => toActiveItem(key, activeFound.get(key.PK)));
    return { ledgers, settings, active, ...(idempotency ? { idempotency } : {}) };
  }

  /** The record of a key, unless it expired by `now`. */
  async getIdempotencyRecord(keyHash: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(keyHash), ConsistentRead: true }));
    return Item ? liveRecord(Item, now) : undefined;
  }

  /**
   * Writes the booking, its ledgers and the idempotency record in one TransactWriteItems. Every
   * ledger write is conditioned on the version that was read, so two overlapping bookings (which
   * always share at least one ledger date) can never both commit. Ledgers that were read but not
   * written are checked too: that keeps the guarantee even while a therapist changes time zone
   * (two bookings of one instant could then be filed under different local dates).
   */
  async commit(change: BookingCommit): Promise<void> {
    const { booking } = change;
    const bookingItem = {
      ...keys.booking(booking.id),
      type: 'booking',
      ...booking,
      [TABLE_SCHEMA.index.partitionKey]: keys.bookingsOfTherapist(booking.therapistId),
      [TABLE_SCHEMA.index.sortKey]: `${booking.start}#${booking.id}`,
      [TABLE_SCHEMA.timeToLive]: change.expiresAt,
    };
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
    const reasons: (CommitRefused['reason'] | 'rate_limited')[] = [];
    items.push({
      Put: {
        TableName: this.tableName,
        Item: bookingItem,
        ...(change.expect === 'new'
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: '#sequence = :sequence', ExpressionAttributeNames: { '#sequence': 'sequence' }, ExpressionAttributeValues: { ':sequence': change.expect } }),
      },
    });
    reasons.push('booking_changed');
    for (const ledger of change.ledgers) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.day(booking.therapistId, ledger.date),
            type: 'day',
            version: ledger.version + 1,
            entries: ledger.entries,
            // A past day's ledger guards nothing: it goes two days after the date.
            [TABLE_SCHEMA.timeToLive]: Math.floor(Date.parse(`${ledger.date}T00:00:00Z`) / 1000) + 3 * DAY_SECONDS,
          },
          ...(ledger.version === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': ledger.version } }),
        },
      });
      reasons.push('ledger_changed');
    }
    const written = new Set(change.ledgers.map((l) => l.date));
    for (const ledger of (change.unchanged ?? []).filter((l) => !written.has(l.date))) {
      items.push({
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.day(booking.therapistId, ledger.date),
          ...(ledger.version === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': ledger.version } }),
        },
      });
      reasons.push('ledger_changed');
    }
    if (change.series) {
      items.push({
        Put: { TableName: this.tableName, Item: seriesItem(change.series.series, change.series.expect + 1), ...seriesCondition(change.series.expect) },
      });
      reasons.push('series_changed');
    }
    if (change.hold === 'put') {
      if (!booking.holdUntil) throw new Error('a hold item needs the booking\'s holdUntil');
      items.push({ Put: { TableName: this.tableName, Item: holdItem(booking.id, booking.therapistId, booking.holdUntil) } });
      reasons.push('booking_changed');
    } else if (change.hold === 'delete') {
      items.push({ Delete: { TableName: this.tableName, Key: keys.hold(booking.id) } });
      reasons.push('booking_changed');
    }
    for (const claim of change.counters ?? []) {
      items.push(counterItem(this.tableName, claim));
      reasons.push('rate_limited');
    }
    for (const active of change.active ?? []) {
      items.push(activeItemWrite(this.tableName, active));
      reasons.push('booking_changed');
    }
    if (change.idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(change.idempotency.keyHash),
            type: 'idempotency',
            requestHash: change.idempotency.requestHash,
            bookingId: change.idempotency.bookingId,
            [TABLE_SCHEMA.timeToLive]: change.idempotency.expiresAt,
          },
          // TTL deletes late (up to days): a record that has expired is overwritten as if it were gone.
          ConditionExpression: 'attribute_not_exists(PK) OR #expiresAt <= :now',
          ExpressionAttributeNames: { '#expiresAt': TABLE_SCHEMA.timeToLive },
          ExpressionAttributeValues: { ':now': change.idempotency.now },
        },
      });
      reasons.push('idempotency_key_used');
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: await withEntry(items, change.audit) }));
    } catch (error) {
      const err = error as Error & { CancellationReasons?: { Code?: string }[] };
      if (err.name === 'TransactionConflictException') throw new CommitRefused('transaction_conflict');
      if (err.name !== 'TransactionCanceledException') throw error;
      const codes = err.CancellationReasons ?? [];
      // The idempotency record wins over other reasons: a replay must answer with the first result.
      const failed = codes.map((c, i) => (c.Code === 'ConditionalCheckFailed' ? reasons[i] : undefined)).filter(Boolean);
      if (failed.includes('idempotency_key_used')) throw new CommitRefused('idempotency_key_used');
      if (failed.includes('booking_changed')) throw new CommitRefused('booking_changed');
      if (failed.includes('ledger_changed')) throw new CommitRefused('ledger_changed');
      if (failed.includes('series_changed')) throw new CommitRefused('series_changed');
      // Only a counter refused: over a limit. The window's end is when it lets the next one through.
      const over = codes.findIndex((c, i) => c.Code === 'ConditionalCheckFailed' && reasons[i] === 'rate_limited');
      if (over >= 0) {
        const claim = change.counters![over - (reasons.indexOf('rate_limited'))]!;
        throw rateLimited(claim.scope, claim.end, claim.now);
      }
      if (codes.some((c) => c.Code === 'TransactionConflict')) throw new CommitRefused('transaction_conflict');
      throw error;
    }
  }

  /** The holds that end on a UTC date, up to and including `untilIso`: the sweep's work. */
  async holdsEndingOn(utcDate: string, untilIso: string): Promise<HoldItem[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk AND #sk <= :until',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey, '#sk': TABLE_SCHEMA.index.sortKey },
      // `<holdUntil>#<id>`: '#' sorts before every character of an id, '~' after, so this takes each hold ending by then.
      ExpressionAttributeValues: { ':pk': keys.holdsEndingOn(utcDate), ':until': `${untilIso}#~` },
    });
    return items.map((i) => ({ bookingId: String(i.bookingId), therapistId: String(i.therapistId), holdUntil: String(i.holdUntil) }));
  }

  /** Removes a hold item whose booking no longer holds anything (a stray left by nothing, normally). */
  async removeHold(bookingId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.hold(bookingId) }));
  }

  async getSeries(seriesId: string): Promise<StoredSeries | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.series(seriesId), ConsistentRead: true }));
    return Item ? toStoredSeries(Item) : undefined;
  }

  /** Writes a series alone (no booking changes), conditioned on the version read (0: new). Refused: CommitRefused('series_changed'). */
  async putSeries(series: Series, expect: number, audited?: Audit): Promise<void> {
    try {
      await writeOne(this.db, { Put: { TableName: this.tableName, Item: seriesItem(series, expect + 1), ...seriesCondition(expect) } }, audited);
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new CommitRefused('series_changed');
      if (error instanceof DomainError && error.code === 'rate_limited') throw new CommitRefused('transaction_conflict');
      throw error;
    }
  }

  /** A therapist's series, by first date. */
  async listSeries(therapistId: string): Promise<StoredSeries[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.seriesOfTherapist(therapistId) },
    });
    return items.map(toStoredSeries);
  }

  /** A therapist's bookings whose start lies in `[fromInstant, toInstant)`, ordered by start. */
  async listByTherapist(therapistId: string, fromInstant: string, toInstant: string): Promise<Booking[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey, '#sk': TABLE_SCHEMA.index.sortKey },
      ExpressionAttributeValues: { ':pk': keys.bookingsOfTherapist(therapistId), ':from': fromInstant, ':to': toInstant },
    });
    return items.map(toBooking);
  }
}

/**
 * The hold item: beside the booking, indexed by the UTC date its hold ends. TTL removes a stray one
 * long after the sweep would have (reads judge expiry on `holdUntil` themselves, not on this item).
 */
function holdItem(bookingId: string, therapistId: string, holdUntil: string): Record<string, unknown> {
  return {
    ...keys.hold(bookingId),
    type: 'hold',
    bookingId,
    therapistId,
    holdUntil,
    [TABLE_SCHEMA.index.partitionKey]: keys.holdsEndingOn(holdUntil.slice(0, 10)),
    [TABLE_SCHEMA.index.sortKey]: `${holdUntil}#${bookingId}`,
    [TABLE_SCHEMA.timeToLive]: Math.floor(Date.parse(holdUntil) / 1000) + 30 * DAY_SECONDS,
  };
}

/** An idempotency record, or nothing once it has expired: DynamoDB's TTL deletes it only later. */
function liveRecord(item: Record<string, any>, now: Date): IdempotencyRecord | undefined {
  const expiresAt = Number(item[TABLE_SCHEMA.timeToLive]);
  if (!(expiresAt > now.getTime() / 1000)) return undefined;
  return { requestHash: item.requestHash, bookingId: item.bookingId, expiresAt };
}

export function toLedger(item: Record<string, any>): DayLedger {
  return { date: String(item.SK).slice(4), version: Number(item.version ?? 0), entries: (item.entries ?? []) as LedgerEntry[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
