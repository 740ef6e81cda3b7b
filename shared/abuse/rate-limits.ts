import { createHmac } from 'node:crypto';
import type { Booking, Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import { DomainError } from '../errors/domain-errors';
import { keys, TABLE_SCHEMA } from '../store/table-schema';

/**
 * Abuse limits (issue 17, decisions 125–127). Every counter is an item of the table, keyed by
 * `keys.rateCounter(scope, hash, window)` where `hash` is an HMAC of what is counted (keyed with the
 * manage-token secret, as client-history.ts does for addresses): the table never holds a source
 * address or an email address, and a guessed one cannot be looked up without the secret. Windows
 * are fixed and read off the injected clock, so the virtual clock moves them locally exactly as time
 * does in AWS. Every change is an item of the booking's own TransactWriteItems: a refused or failed
 * booking counts nothing, and an idempotent replay (which writes nothing) never counts twice.
 */

export type LimitScope = 'source' | 'verify' | 'active';

/** Over a limit: `429 rate_limited`, with `Retry-After` in seconds (error-mapper.ts reads `retryAfterSeconds`). */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

const MESSAGES: Record<LimitScope, string> = {
  source: 'Too many booking requests have come from this network in the last hour. Please try again later.',
  verify: 'Too many confirmation emails have been sent to this address today. Please try again tomorrow or contact the practice.',
  active: 'You already hold as many upcoming appointments with this therapist as the practice allows. Please contact the practice to book more.',
};

export function rateLimited(scope: LimitScope, until: Date, now: Date): RateLimited {
  return new RateLimited(MESSAGES[scope], Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}

const normal = (email: string) => email.trim().toLowerCase();

export function subjectHash(secret: string, scope: LimitScope, subject: string): string {
  return createHmac('sha256', secret).update(`rate.v1.${scope}.${subject}`).digest('hex');
}

/** The fixed window holding `now`: an hour or a UTC day, its start as the key, its end for Retry-After and TTL. */
export function fixedWindow(now: Date, size: 'hour' | 'day'): { window: string; end: Date } {
  const ms = size === 'hour' ? 3600_000 : 86400_000;
  const start = Math.floor(now.getTime() / ms) * ms;
  const iso = new Date(start).toISOString();
  return { window: size === 'hour' ? iso.slice(0, 13) : iso.slice(0, 10), end: new Date(start + ms) };
}

/**
 * One fixed-window counter's increment, as a transaction item: `ADD count :n`, only while the count
 * stays within `limit`. Its TTL is a day after the window ends (a later window is another key, so
 * the item is never read again once its window has passed; TTL only tidies).
 */
export interface CounterClaim {
  scope: 'source' | 'verify';
  key: { PK: string; SK: string };
  add: number;
  limit: number;
  /** When the window ends: the Retry-After of a refusal. */
  end: Date;
  /** The clock's now when the claim was made. */
  now: Date;
}

export function counterClaim(secret: string, scope: 'source' | 'verify', subject: string, size: 'hour' | 'day', limit: number, now: Date, add = 1): CounterClaim {
  const { window, end } = fixedWindow(now, size);
  return { scope, key: keys.rateCounter(scope, subjectHash(secret, scope, subject), window), add, limit, end, now };
}

export function counterItem(tableName: string, claim: CounterClaim) {
  return {
    Update: {
      TableName: tableName,
      Key: claim.key,
      UpdateExpression: 'ADD #count :add SET #type = :type, #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count <= :max',
      ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#ttl': TABLE_SCHEMA.timeToLive },
      ExpressionAttributeValues: { ':add': claim.add, ':max': claim.limit - claim.add, ':type': 'rateCounter', ':ttl': Math.floor(claim.end.getTime() / 1000) + 86400 },
    },
  };
}

/**
 * The counters a new booking claims: one for its source address per hour, and, when it will send
 * verification emails (pending_verification), one per unproven address per UTC day. An address
 * given twice counts twice (two emails go to it). Nothing when the source is unknown (a direct
 * invocation, never through the API).
 */
export function newBookingClaims(
  secret: string,
  limits: PracticeSettings['limits'],
  args: { source?: string; booking: Pick<Booking, 'status' | 'verified'>; clients: Client[]; now: Date },
): CounterClaim[] {
  const claims: CounterClaim[] = [];
  if (args.source) claims.push(counterClaim(secret, 'source', args.source, 'hour', limits.bookingsPerSourcePerHour, args.now));
  if (args.booking.status === 'pending_verification') {
    const perAddress = new Map<string, number>();
    args.clients.forEach((c, i) => {
      if (args.booking.verified?.[i] === true) return;
      perAddress.set(normal(c.email), (perAddress.get(normal(c.email)) ?? 0) + 1);
    });
    for (const [address, n] of perAddress) claims.push(counterClaim(secret, 'verify', address, 'day', limits.verificationEmailsPerAddressPerDay, args.now, n));
  }
  // A claim that could never pass is refused before anything is written.
  const impossible = claims.find((c) => c.add > c.limit);
  if (impossible) throw rateLimited(impossible.scope, impossible.end, args.now);
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Active future bookings per client address per therapist (decision 127).

/** One counted booking: it stops counting when its start passes or its hold ends. */
export interface ActiveEntry {
  start: string;
  holdUntil?: string;
}

/** The active-bookings item of one (therapist, address) as read; version 0: it does not exist. */
export interface ActiveItem {
  key: { PK: string; SK: string };
  version: number;
  entries: Record<string, ActiveEntry>;
}

/** The item's write in a booking's transaction: the whole map, conditioned on the version read. */
export interface ActiveChange {
  item: ActiveItem;
  entries: Record<string, ActiveEntry>;
  /** The clock's now: an emptied item expires a day after it. */
  now: Date;
}

export function activeKey(secret: string, therapistId: string, email: string): { PK: string; SK: string } {
  return keys.rateCounter('active', subjectHash(secret, 'active', `${therapistId}.${normal(email)}`), 'ALL');
}

/** The keys of a booking's clients' active items (one per distinct address). Series occurrences are not counted. */
export function activeKeys(secret: string, booking: Pick<Booking, 'therapistId' | 'clients' | 'seriesId'>): { PK: string; SK: string }[] {
  if (booking.seriesId) return [];
  const unique = new Map(booking.clients.map((c) => [normal(c.email), activeKey(secret, booking.therapistId, c.email)]));
  return [...unique.values()];
}

export function toActiveItem(key: { PK: string; SK: string }, item: Record<string, any> | undefined): ActiveItem {
  return { key, version: Number(item?.version ?? 0), entries: (item?.entries ?? {}) as Record<string, ActiveEntry> };
}

const live = (entry: ActiveEntry, nowMs: number) => Date.parse(entry.start) > nowMs && (!entry.holdUntil || Date.parse(entry.holdUntil) > nowMs);

/** The entries that still count at `now`: the rest are pruned by the next write. */
export function liveEntries(entries: Record<string, ActiveEntry>, now: Date): Record<string, ActiveEntry> {
  return Object.fromEntries(Object.entries(entries).filter(([, e]) => live(e, now.getTime())));
}

/** The entry a booking holds as it now is, or none when it no longer counts. */
export function entryOf(booking: Pick<Booking, 'status' | 'start' | 'holdUntil'>): ActiveEntry | undefined {
  if (booking.status !== 'confirmed' && booking.status !== 'pending_verification' && booking.status !== 'requested') return undefined;
  return { start: booking.start, ...(booking.status !== 'confirmed' && booking.holdUntil ? { holdUntil: booking.holdUntil } : {}) };
}

/**
 * A new booking's claims on its clients' active items: refused (429, Retry-After until the first
 * counted booking stops counting) when an address already holds `limit`; otherwise each item with
 * the booking added and the past pruned.
 */
export function claimActive(items: ActiveItem[], bookingId: string, entry: ActiveEntry, limit: number, now: Date): ActiveChange[] {
  return items.map((item) => {
    const current = liveEntries(item.entries, now);
    delete current[bookingId];
    const counted = Object.values(current);
    if (counted.length >= limit) {
      const firstFree = Math.min(...counted.map((e) => Math.min(Date.parse(e.start), e.holdUntil ? Date.parse(e.holdUntil) : Infinity)));
      throw rateLimited('active', new Date(firstFree), now);
    }
    return { item, entries: { ...current, [bookingId]: entry }, now };
  });
}

/**
 * A changed booking's updates of the active items that count it: its entry replaced (a reschedule,
 * a hold becoming confirmed or requested) or removed (cancelled, declined, expired). Items that do
 * not count it are left alone.
 */
export function updateActive(items: ActiveItem[], bookingId: string, entry: ActiveEntry | undefined, now: Date): ActiveChange[] {
  return items
    .filter((item) => item.entries[bookingId] !== undefined)
    .map((item) => {
      const next = liveEntries(item.entries, now);
      delete next[bookingId];
      return { item, entries: entry ? { ...next, [bookingId]: entry } : next, now };
    });
}

export function activeItemWrite(tableName: string, change: ActiveChange) {
  const starts = Object.values(change.entries).map((e) => Date.parse(e.start));
  // Once its last counted start has passed, the item counts nothing: TTL may take it a day later.
  const ttl = Math.floor(Math.max(change.now.getTime(), ...starts) / 1000) + 86400;
  return {
    Put: {
      TableName: tableName,
      Item: { ...change.item.key, type: 'activeBookings', version: change.item.version + 1, entries: change.entries, [TABLE_SCHEMA.timeToLive]: ttl },
      ...(change.item.version === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': change.item.version } }),
    },
  };
}
