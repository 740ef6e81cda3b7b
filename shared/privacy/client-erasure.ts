import { createHmac } from 'node:crypto';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_AUDITED_ITEMS, type AuditLog, type TransactItem } from '../audit/audit-log';
import { activeKey, fixedWindow, subjectHash } from '../abuse/rate-limits';
import { clientHash } from '../clients/client-history';
import type { AppConfig } from '../config/config';
import type { Client } from '../domain/booking';
import { recipientHash } from '../mail/message-tags';
import { keys } from '../store/table-schema';
import { refusedByCondition } from '../store/transaction-errors';
import type { Clock } from '../time/clock';

/** What an erased client is called from then on: no name, no address, no phone. */
export const ERASED_CLIENT: Client = Object.freeze({ name: 'Erased client', email: '' });

export interface ClientErasurePorts {
  db: DynamoDBDocumentClient;
  config: Pick<AppConfig, 'tableName' | 'manageTokenSecret'>;
  clock: Clock;
  audit: Pick<AuditLog, 'write'>;
}

/** The item kinds the erasure reads; everything else holds no address (decision 135). */
const SCANNED = ['booking', 'series', 'therapist', 'idempotency', 'delivery'] as const;
const SCAN_SEGMENTS = 4;
/** A booking or series changed between the scan and the write: scan again, at most this often. */
const ATTEMPTS = 4;

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * The audit target of one erasure: an HMAC of the address under the practice's key, domain-separated
 * from every other hash of an address in the table (so it matches no key in it). It cannot be turned
 * back into the address without the key, and the same address erased twice gives the same target,
 * so an auditor sees a repeated request as one.
 */
export function erasureTarget(secret: string, email: string): string {
  return `erasure:${createHmac('sha256', secret).update(`erasure.v1.${normalise(email)}`).digest('hex').slice(0, 32)}`;
}

/**
 * Erases one client address from the practice (issue 17, decisions 135-137): every booking and
 * series whose client has the address (first or second client alike) gets that client replaced
 * by ERASED_CLIENT and its note and free-text reasons removed, while its times, status and ledgers
 * stay exactly as they were (the slots stay blocked); the address's client histories, its
 * suppression, the idempotency records and delivery claims of those bookings go. Each write is
 * conditioned on the version it read and bumps it, so a booking change racing the erasure retries
 * on the erased booking instead of writing the address back. The writes go in transactions of at
 * most 99 items, each with its own `clients.erase` audit entry.
 *
 * No index leads from an address to its bookings (bookings are keyed by id and indexed by
 * therapist and start), so this pages through a Scan of the table: a cost in read units of the
 * whole table per erasure, acceptable for a rare, admin-only request.
 *
 * Returns how many bookings were anonymised (0 for an address that has none left).
 */
export async function eraseClient(deps: ClientErasurePorts, principalSubject: string, email: string): Promise<{ erased: number }> {
  const address = normalise(email);
  const record = { actor: principalSubject, action: 'clients.erase' as const, target: erasureTarget(deps.config.manageTokenSecret, address) };
  let erased = 0;
  for (let attempt = 1; ; attempt++) {
    const found = await findTraces(deps, address);
    const items = writesFor(deps, address, found);
    try {
      if (items.length === 0) await deps.audit.write([], record);
      for (let i = 0; i < items.length; i += MAX_AUDITED_ITEMS) {
        const chunk = items.slice(i, i + MAX_AUDITED_ITEMS);
        await deps.audit.write(chunk.map((c) => c.item), record);
        erased += chunk.filter((c) => c.booking).length;
      }
      return { erased };
    } catch (error) {
      if (!refusedByCondition(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

interface Traces {
  bookings: Record<string, any>[];
  series: Record<string, any>[];
  therapistIds: string[];
  /** Items that name a booking (or series) by id: idempotency records, delivery claims. */
  byBooking: Record<string, any>[];
}

async function findTraces(deps: ClientErasurePorts, address: string): Promise<Traces> {
  const traces: Traces = { bookings: [], series: [], therapistIds: [], byBooking: [] };
  // A parallel Scan: the segments are read at once, each a page (at most 1 MB) at a time, so a large
  // table's scan needs fewer sequential round trips inside the HTTP function's 10 s (decision 135).
  await Promise.all(Array.from({ length: SCAN_SEGMENTS }, async (_, Segment) => {
    let ExclusiveStartKey: Record<string, any> | undefined;
    do {
      const page = await deps.db.send(new ScanCommand({
        TableName: deps.config.tableName,
        FilterExpression: `#type IN (${SCANNED.map((_, i) => `:t${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: Object.fromEntries(SCANNED.map((t, i) => [`:t${i}`, t])),
        ConsistentRead: true,
        Segment,
        TotalSegments: SCAN_SEGMENTS,
        ExclusiveStartKey,
      }));
      for (const item of page.Items ?? []) {
        if (item.type === 'booking' && hasClient(item, address)) traces.bookings.push(item);
        else if (item.type === 'series' && hasClient(item, address)) traces.series.push(item);
        else if (item.type === 'therapist' && typeof item.id === 'string') traces.therapistIds.push(item.id);
        else if ((item.type === 'idempotency' || item.type === 'delivery') && typeof item.bookingId === 'string') traces.byBooking.push(item);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }));
  // The history of a therapist whose profile is gone may still be there: hash under those ids too.
  for (const b of [...traces.bookings, ...traces.series]) if (typeof b.therapistId === 'string') traces.therapistIds.push(b.therapistId);
  traces.therapistIds = [...new Set(traces.therapistIds)];
  return traces;
}

function hasClient(item: Record<string, any>, address: string): boolean {
  return Array.isArray(item.clients) && item.clients.some((c: Client) => typeof c?.email === 'string' && c.email !== '' && normalise(c.email) === address);
}

/** The indexes (`client:<i>`) of the clients of a booking or series that have the address. */
function rolesOf(item: Record<string, any>, address: string): number[] {
  return (item.clients as Client[]).flatMap((c, i) => (typeof c?.email === 'string' && c.email !== '' && normalise(c.email) === address ? [i] : []));
}

function anonymised(item: Record<string, any>, address: string): Client[] {
  const roles = new Set(rolesOf(item, address));
  return (item.clients as Client[]).map((c, i) => (roles.has(i) ? { ...ERASED_CLIENT } : c));
}

function writesFor(deps: ClientErasurePorts, address: string, found: Traces): Array<{ item: TransactItem; booking?: true }> {
  const TableName = deps.config.tableName;
  const now = deps.clock.now().toISOString();
  const writes: Array<{ item: TransactItem; booking?: true }> = [];
  const erasedRoles = new Map<string, Set<string>>();
  for (const b of found.bookings) {
    erasedRoles.set(b.id, new Set(rolesOf(b, address).map((i) => `client:${i}`)));
    // The sequence goes up with no change of status or time, so no event is published for it
    // (eventsForBookingChange) and any write that read the booking before now is refused.
    writes.push({
      booking: true,
      item: {
        Update: {
          TableName, Key: keys.booking(b.id),
          UpdateExpression: 'SET clients = :clients, #sequence = :next, updatedAt = :now REMOVE note, cancelReason, declineReason',
          ConditionExpression: '#sequence = :sequence',
          ExpressionAttributeNames: { '#sequence': 'sequence' },
          ExpressionAttributeValues: { ':clients': anonymised(b, address), ':sequence': b.sequence, ':next': Number(b.sequence) + 1, ':now': now },
        },
      },
    });
  }
  for (const s of found.series) {
    erasedRoles.set(s.id, new Set(rolesOf(s, address).map((i) => `client:${i}`)));
    // A series' writes are conditioned on its version; its sequence (which its events follow) stays.
    writes.push({
      item: {
        Update: {
          TableName, Key: keys.series(s.id),
          UpdateExpression: 'SET clients = :clients, #version = :next REMOVE note',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':clients': anonymised(s, address), ':version': s.version, ':next': Number(s.version) + 1 },
        },
      },
    });
  }
  const secret = deps.config.manageTokenSecret;
  for (const therapistId of found.therapistIds) {
    writes.push({ item: { Delete: { TableName, Key: keys.clientHistory(therapistId, clientHash(secret, therapistId, address)) } } });
  }
  // The abuse limits' items of the address (decision 127): its active bookings with each therapist
  // and its verification-email counters of today and yesterday (older ones are past their TTL's
  // window and never read). Its bookings no longer carry it, so they count for nobody.
  for (const therapistId of found.therapistIds) writes.push({ item: { Delete: { TableName, Key: activeKey(secret, therapistId, address) } } });
  const today = deps.clock.now();
  for (const day of [today, new Date(today.getTime() - 86_400_000)]) {
    writes.push({ item: { Delete: { TableName, Key: keys.rateCounter('verify', subjectHash(secret, 'verify', address), fixedWindow(day, 'day').window) } } });
  }
  // A bounce or complaint record is kept by a keyed hash only, but the practice can still confirm a
  // guessed address with its key: it goes with the rest (decision 137).
  writes.push({ item: { Delete: { TableName, Key: keys.suppression(recipientHash(secret, address)) } } });
  for (const item of found.byBooking) {
    const roles = erasedRoles.get(item.bookingId);
    if (!roles) continue;
    // An idempotency record's request hash covers the address; a claim's key hashes it (unkeyed).
    // A claim of the partner or the therapist stays, so a redelivered event still sends them nothing twice.
    if (item.type === 'delivery' && typeof item.role === 'string' && !roles.has(item.role)) continue;
    writes.push({ item: { Delete: { TableName, Key: { PK: item.PK, SK: item.SK } } } });
  }
  return writes;
}

