import { createHash, randomUUID } from 'node:crypto';
import { checkSlot, type SlotRejection } from '../availability/availability-engine';
import { bookingAsOf, isHeldStatus, type Booking, type Client } from '../domain/booking';
import type { SessionType } from '../domain/therapist';
import type { WeeklySchedule } from '../domain/schedule';
import { CLIENTS_PER_KIND } from '../domain/therapist';
import { DomainError, conflict, notFound, requestExpired, slotUnavailable, validationFailed, verificationRequired } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { Audit } from '../audit/audited';
import type { BookingCommit, BookingWriteContext, DayLedger } from '../store/booking-repository';
import type { TherapistConfiguration } from '../store/therapist-repository';
import { issueClientManageToken, issueProvisionalManageToken } from '../tokens/manage-token';
import type { Occurrence } from '../series/series';
import { provenClients } from '../clients/proof';
import { bookable } from './bookable';
import { newBookingRecord } from './booking-record';
import { newBookingStatus, type HoldDecisionPorts, type StatusFields } from './hold-decision';
import { judgeStart, relaxedSchedule } from './judge-start';
import { retryRefusedCommits } from './optimistic-retry';
import { applyLedgerChange, possibleDates, slotRulesInput, touchedDates } from './slot-rules-input';
import type { AppConfig } from '../config/config';
import type { Clock } from '../time/clock';
import type { TherapistRepository } from '../store/therapist-repository';
import type { BookingRepository } from '../store/booking-repository';
import { activeKeys, claimActive, entryOf, newBookingClaims, updateActive } from '../abuse/rate-limits';

/** What this module needs, in its own terms: any object with these members will do. */
export interface BookingServicePorts {
  config: Pick<AppConfig, 'manageTokenSecret' | 'manageTokenGraceHours'>;
  clock: Clock;
  therapists: Pick<TherapistRepository, 'loadConfiguration'>;
  /** `getSeries`: a change to one occurrence of a series updates the series record in the same transaction. */
  bookings: Pick<BookingRepository, 'commit' | 'get' | 'getIdempotencyRecord' | 'readWriteContext' | 'getSeries'>;
  /** Whether the clients of a verified booking are existing clients (a session type's rules). */
  clientHistory: HoldDecisionPorts['clientHistory'];
}

export interface CreateBookingRequest {
  therapistId: string;
  sessionTypeId: string;
  start: string;
  timeZone: string;
  clients: Client[];
  note?: string;
  /** The widget's effective locale and clock (issue 16), for this client's emails. */
  locale?: string;
  policyAccepted: true;
}

export interface BookingResult {
  booking: Booking;
  /** The first client's token (the contract's `manageToken`). */
  manageToken: string;
  /** One per client, in client order: each partner manages the booking with their own. */
  manageTokens: string[];
}

/** Who changes a booking; `client` is the index of the client whose own manage link was used, when known. */
export interface BookingActor {
  by: 'client' | 'therapist';
  client?: number;
}

type Deps = BookingServicePorts;

const IDEMPOTENCY_SECONDS = 24 * 3600;
const DAY_SECONDS = 86400;

const REJECTION_MESSAGES: Record<SlotRejection, string> = {
  outside_hours: 'That time is not one of the offered slots. Please choose a slot from the current availability.',
  too_soon: 'That time is too soon to book. Please choose a later slot.',
  beyond_horizon: 'That time is too far ahead to book yet. Please choose an earlier slot.',
  busy: 'That time has just been taken. Please choose another slot.',
  time_off: 'That time is no longer available. Please choose another slot.',
  daily_limit: 'That day is fully booked. Please choose another day.',
};

/** A slot the engine refused, with the engine's reason (series report it per occurrence); a 409 like any other. */
export class SlotRefused extends DomainError {
  constructor(readonly reason: SlotRejection) {
    super('slot_unavailable', REJECTION_MESSAGES[reason]);
  }
}

/** The contract: a past or too-soon start is `409 slot_unavailable`, never a 400. */
const PAST_START_MESSAGE = 'That time has already passed. Please choose a slot from the current availability.';

/**
 * Books a slot: re-checks it with the same engine that offered it, then claims it in one
 * transaction. `authorization` (a manage token of an earlier, verified booking) may prove clients'
 * addresses; where the practice verifies and not every client is proven, the booking holds its slot
 * as `pending_verification` (decision 75). Anything the header fails to prove is not an error.
 */
export async function createBooking(deps: Deps, request: CreateBookingRequest, idempotencyKey?: string, authorization?: string, source?: string): Promise<BookingResult> {
  const start = wholeMinute(request.start, 'start');
  const now = deps.clock.now();
  const requestHash = sha256(JSON.stringify(request));
  const keyHash = idempotencyKey ? sha256(`idempotency:${idempotencyKey}`) : undefined;
  const bookingId = randomUUID();
  // What this reads depends on the token alone, never on the addresses (no oracle).
  const proven = await provenClients(deps, authorization, request.clients);
  const secret = deps.config.manageTokenSecret;
  const counted = activeKeys(secret, { therapistId: request.therapistId, clients: request.clients });

  return retryRefusedCommits('create', async (attempt) => {
    const [configuration, context] = await Promise.all([
      deps.therapists.loadConfiguration(request.therapistId),
      deps.bookings.readWriteContext(request.therapistId, possibleDates(start), keyHash ? { keyHash, now } : undefined, counted),
    ]);
    if (context.idempotency) return replay(deps, context.idempotency, requestHash);
    // After the replay: a retry of a booking whose time has since passed still gets its first answer.
    if (start.getTime() <= now.getTime()) throw slotUnavailable(PAST_START_MESSAGE);

    const { schedule, sessionType } = bookable(configuration, request.sessionTypeId);
    if (!schedule) throw slotUnavailable('This therapist has no bookable hours yet.');
    const expected = CLIENTS_PER_KIND[sessionType.kind];
    if (request.clients.length !== expected) {
      throw validationFailed(`A ${sessionType.kind} session takes exactly ${expected} client${expected > 1 ? 's' : ''}.`, [
        { path: 'clients', message: `must have exactly ${expected} entr${expected > 1 ? 'ies' : 'y'} for this session type` },
      ]);
    }
    // Decided before the slot: an audience refusal writes nothing, and the hold goes in the same commit.
    const status = await newBookingStatus(deps, { settings: context.settings, therapistId: request.therapistId, sessionType, clients: request.clients, proven, now, start: start.toISOString() });
    const decision = await decideNewBooking(deps, { configuration: { ...configuration, schedule }, sessionType, context, start, now, id: bookingId, request, status });
    if (!decision.ok) {
      // BatchGetItem is isolated per item, not per transaction: it can see a concurrent retry's day
      // ledger before its idempotency record. GetItem is serializable, so ask it before refusing.
      const record = keyHash && decision.reason === 'busy' ? await deps.bookings.getIdempotencyRecord(keyHash, now) : undefined;
      if (record) return replay(deps, record, requestHash);
      logger.info('booking refused', { therapistId: request.therapistId, reason: decision.reason });
      throw slotUnavailable(REJECTION_MESSAGES[decision.reason]);
    }
    const { booking } = decision.commit;
    // Abuse limits (decisions 126, 127): checked on what was read, enforced by the same transaction's conditions.
    const { limits } = context.settings;
    const active = claimActive(context.active, booking.id, entryOf(booking)!, limits.activeBookingsPerClient, now);
    const counters = newBookingClaims(secret, limits, { source, booking, clients: request.clients, now });
    await deps.bookings.commit({
      ...decision.commit,
      counters,
      active,
      ...(keyHash ? { idempotency: { keyHash, requestHash, bookingId, now: Math.floor(now.getTime() / 1000), expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_SECONDS } } : {}),
    });
    logger.info('booking created', { bookingId, therapistId: booking.therapistId, attempt });
    return issued(deps, booking);
  });
}

/**
 * Decides a new booking at `start`: the engine's verdict on current data, then the booking and the
 * ledgers as they must be written. One path for a single booking and for each occurrence of a
 * series (which adds its own fields and its series record to the commit). `relaxed` lifts the
 * notice and the horizon (a therapist's series, a series' later occurrences): hours, overrides,
 * time off, buffers, the daily limit and existing bookings still apply.
 */
export async function decideNewBooking(
  deps: Pick<Deps, 'bookings'>,
  args: {
    configuration: TherapistConfiguration & { schedule: WeeklySchedule };
    sessionType: SessionType;
    context: BookingWriteContext;
    start: Date;
    now: Date;
    id: string;
    request: { therapistId: string; timeZone: string; clients: Client[]; note?: string; locale?: string };
    relaxed?: boolean;
    fields?: Pick<Booking, 'seriesId' | 'occurrenceIndex'>;
    /** A booking's status decision (newBookingStatus); absent: confirmed (a series' occurrence). */
    status?: StatusFields;
  },
): Promise<{ ok: true; commit: BookingCommit & { expect: 'new' } } | { ok: false; reason: SlotRejection }> {
  const { configuration, sessionType, context, start, now, request } = args;
  const verdict = judgeStart({ configuration, ledgers: context.ledgers.values(), durationMinutes: sessionType.durationMinutes, start, now, relaxed: args.relaxed });
  if (!verdict.ok) return verdict;
  const { schedule } = verdict;

  const end = new Date(start.getTime() + sessionType.durationMinutes * 60_000);
  const blockedUntil = new Date(end.getTime() + schedule.bufferMinutes * 60_000);
  const ledgerDates = touchedDates(start, blockedUntil, schedule.timeZone);
  const ledgers = await withLedgers(deps, request.therapistId, context.ledgers, ledgerDates);
  const booking = newBookingRecord({
    id: args.id,
    status: args.status ?? { status: 'confirmed' },
    therapistId: request.therapistId,
    sessionTypeId: sessionType.id,
    start,
    end,
    blockedUntil,
    timeZone: request.timeZone,
    therapistTimeZone: schedule.timeZone,
    ledgerDates,
    clients: request.clients,
    ...(request.note ? { note: request.note } : {}),
    ...(request.locale ? { locale: request.locale } : {}),
    ...(args.fields ? { fields: args.fields } : {}),
    now,
  });
  return {
    ok: true,
    commit: {
      booking,
      expect: 'new',
      expiresAt: retentionExpiry(booking.end, context.settings.retentionDays),
      ledgers: applyLedgerChange(ledgers, booking.id, [], { dates: ledgerDates, start: booking.start, end: booking.blockedUntil, holdUntil: booking.holdUntil }),
      unchanged: [...context.ledgers.values()],
      ...(booking.holdUntil ? { hold: 'put' as const } : {}),
    },
  };
}

/**
 * The booking's series as it must be after `change` to this booking's occurrence, for the same
 * transaction (decision 59); nothing for a booking of no series.
 */
async function seriesAfter(deps: Pick<Deps, 'bookings'>, booking: Booking, now: Date, change: Partial<Occurrence>): Promise<BookingCommit['series']> {
  if (!booking.seriesId) return undefined;
  const stored = await deps.bookings.getSeries(booking.seriesId);
  if (!stored) return undefined;
  const occurrences = stored.series.occurrences.map((o) => (o.bookingId === booking.id ? { ...o, ...change } : o));
  return { series: { ...stored.series, occurrences, updatedAt: now.toISOString(), sequence: stored.series.sequence + 1 }, expect: stored.version };
}

/**
 * Moves a booking to a new start: the new time is claimed and the old one released in one
 * transaction, conditioned on the booking being unchanged since it was read. The new time must be
 * bookable exactly as a new booking would be (active therapist, visible session type, a slot the
 * engine offers now). A client's move inside the late-cancellation window, judged on the booking's
 * current start, is a late change: refused or flagged (`lateChange`) as the practice configures.
 */
export async function rescheduleBooking(
  deps: Deps,
  bookingId: string,
  newStartIso: string,
  known?: Booking,
  actor?: BookingActor,
  /** `relaxed`: a therapist moving a series' occurrences, which are not bound by notice or horizon. */
  options: { relaxed?: boolean } = {},
): Promise<Booking> {
  const by = actor?.by ?? 'client';
  const start = wholeMinute(newStartIso, 'start');
  return retryRefusedCommits('reschedule', async (attempt) => {
    const now = deps.clock.now();
    // The caller may already hold the booking (it checked access with it): reuse it once. As of now: a hold past its end is over.
    const booking = bookingAsOf(attempt === 1 && known ? known : await loadBooking(deps, bookingId), now);
    if (booking.status === 'cancelled') throw conflict('This booking was cancelled and can no longer be moved.');
    refuseMovingUnsettled(booking);
    if (Date.parse(booking.start) === start.getTime()) return booking;
    if (Date.parse(booking.start) <= now.getTime()) throw conflict('This session has already begun and can no longer be moved.');
    if (start.getTime() <= now.getTime()) throw slotUnavailable(PAST_START_MESSAGE);

    const durationMinutes = (Date.parse(booking.end) - Date.parse(booking.start)) / 60_000;
    const [configuration, context] = await Promise.all([
      deps.therapists.loadConfiguration(booking.therapistId),
      deps.bookings.readWriteContext(booking.therapistId, [...new Set([...booking.ledgerDates, ...possibleDates(start)])], undefined, activeKeys(deps.config.manageTokenSecret, booking)),
    ]);
    // Moving away is as good as cancelling: the same window and mode apply, before any slot is looked at.
    const late = by === 'client' && insideLateWindow(booking, now, context.settings.lateCancellationHours);
    if (late && context.settings.lateCancellationMode === 'refuse') throw lateWindowPassed(context.settings.lateCancellationHours);
    const { schedule: current } = bookable(configuration, booking.sessionTypeId);
    if (!current) throw slotUnavailable();
    const schedule = options.relaxed && by === 'therapist' ? relaxedSchedule(current) : current;
    const input = slotRulesInput({ ...configuration, schedule }, context.ledgers.values(), durationMinutes, now, booking.id);
    const verdict = checkSlot(input, start);
    if (!verdict.ok) throw new SlotRefused(verdict.reason);

    const end = new Date(start.getTime() + durationMinutes * 60_000);
    const blockedUntil = new Date(end.getTime() + schedule.bufferMinutes * 60_000);
    const ledgerDates = touchedDates(start, blockedUntil, schedule.timeZone);
    const ledgers = await withLedgers(deps, booking.therapistId, context.ledgers, ledgerDates);
    const moved: Booking = {
      ...booking,
      start: start.toISOString(),
      end: end.toISOString(),
      blockedUntil: blockedUntil.toISOString(),
      therapistTimeZone: schedule.timeZone,
      ledgerDates,
      ...actedBy('rescheduled', actor),
      // Once late, always late: a later, timely move does not undo the late one (`...booking` keeps it).
      ...(late ? { lateChange: true } : {}),
      updatedAt: now.toISOString(),
      sequence: booking.sequence + 1,
    };
    await deps.bookings.commit({
      booking: moved,
      expect: booking.sequence,
      expiresAt: retentionExpiry(moved.end, context.settings.retentionDays),
      ledgers: applyLedgerChange(ledgers, booking.id, booking.ledgerDates, { dates: ledgerDates, start: moved.start, end: moved.blockedUntil }),
      unchanged: [...context.ledgers.values()],
      series: await seriesAfter(deps, booking, now, { start: moved.start, end: moved.end }),
      active: updateActive(context.active, booking.id, entryOf(moved), now),
    });
    logger.info('booking rescheduled', { bookingId, therapistId: booking.therapistId, by, late, attempt });
    return moved;
  });
}

export interface CancelRequest {
  reason?: string;
  /** Therapists may always cancel; clients are bound by the practice's late-cancellation rule. */
  by: 'client' | 'therapist';
  /** The index of the client whose own manage link cancelled, when known. */
  client?: number;
  /** A therapist's cancellation is audited: its entry is written in the cancellation's transaction. */
  audit?: Audit;
}

/** Cancels a booking and frees its time. Cancelling a cancelled booking answers it unchanged. */
export async function cancelBooking(deps: Deps, bookingId: string, request: CancelRequest, known?: Booking): Promise<Booking> {
  return retryRefusedCommits('cancel', async (attempt) => {
    const now = deps.clock.now();
    // The caller may already hold the booking (it checked access with it): reuse it once. As of now: a hold past its end is over.
    const booking = bookingAsOf(attempt === 1 && known ? known : await loadBooking(deps, bookingId), now);
    if (booking.status === 'cancelled') return booking;
    if (booking.status === 'expired') throw requestExpired();
    if (booking.status === 'declined') throw conflict('This request was declined: there is nothing left to cancel.');
    if (Date.parse(booking.end) <= now.getTime()) throw conflict('This session has already taken place and can no longer be cancelled.');
    const context = await deps.bookings.readWriteContext(booking.therapistId, booking.ledgerDates, undefined, activeKeys(deps.config.manageTokenSecret, booking));
    const { lateCancellationHours, lateCancellationMode, retentionDays } = context.settings;
    // Withdrawing a request (or an unconfirmed booking) is never late: nothing was booked yet.
    const held = isHeldStatus(booking.status);
    const late = !held && insideLateWindow(booking, now, lateCancellationHours);
    if (late && request.by === 'client' && lateCancellationMode === 'refuse') throw lateWindowPassed(lateCancellationHours);
    const cancelled: Booking = {
      ...booking,
      status: 'cancelled',
      ...(late && request.by === 'client' ? { lateCancellation: true } : {}),
      ...(request.reason ? { cancelReason: request.reason } : {}),
      ...actedBy('cancelled', request),
      cancelledAt: now.toISOString(),
      updatedAt: now.toISOString(),
      sequence: booking.sequence + 1,
    };
    await deps.bookings.commit({
      booking: cancelled,
      expect: booking.sequence,
      expiresAt: retentionExpiry(booking.end, retentionDays),
      ledgers: applyLedgerChange(context.ledgers, booking.id, booking.ledgerDates),
      series: await seriesAfter(deps, booking, now, { status: 'cancelled' }),
      ...(held ? { hold: 'delete' as const } : {}),
      ...(request.audit ? { audit: request.audit } : {}),
      // A cancelled booking frees its client's place at once (decision 127).
      active: updateActive(context.active, booking.id, undefined, now),
    });
    logger.info('booking cancelled', { bookingId, therapistId: booking.therapistId, by: request.by, late });
    return cancelled;
  });
}

/**
 * A booking not yet settled cannot move: an unverified one proves nothing yet (its manage link may
 * view and cancel it only), a request waits for the therapist's answer on the time it asked for.
 */
function refuseMovingUnsettled(booking: Booking): void {
  if (booking.status === 'pending_verification') {
    throw verificationRequired('Please confirm your email address with the link we sent before moving this booking.');
  }
  if (booking.status === 'requested') throw conflict("This request is waiting for the therapist's answer and cannot be moved. Cancel it and request another time.");
  if (booking.status === 'expired') throw requestExpired();
  if (booking.status === 'declined') throw conflict('This request was declined and cannot be moved.');
}

/** The booking's record of who acted (for the therapist's eyes), replacing an earlier actor of the same change. */
function actedBy(change: 'cancelled' | 'rescheduled', actor: BookingActor | undefined): Partial<Booking> {
  if (!actor) return {};
  const client = actor.by === 'client' ? actor.client : undefined;
  return change === 'cancelled'
    ? { cancelledBy: actor.by, cancelledByClient: client }
    : { rescheduledBy: actor.by, rescheduledByClient: client };
}

/** Inside the practice's window: the booking's current start is less than `hours` away. */
function insideLateWindow(booking: Booking, now: Date, hours: number): boolean {
  return Date.parse(booking.start) - now.getTime() < hours * 3600_000;
}

const lateWindowPassed = (hours: number) =>
  new DomainError(
    'cancellation_window_passed',
    `Sessions can be cancelled or moved online up to ${hours} hours before they begin. Please contact the practice.`,
  );

export async function loadBooking(deps: Pick<Deps, 'bookings'>, bookingId: string): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw notFound('The booking');
  return booking;
}

async function replay(deps: Deps, record: { requestHash: string; bookingId: string }, requestHash: string): Promise<BookingResult> {
  if (record.requestHash !== requestHash) throw conflict('This Idempotency-Key was already used for a different booking request.');
  const booking = await deps.bookings.get(record.bookingId);
  if (!booking) throw new DomainError('rate_limited', 'This booking is still being saved. Please try again in a moment.');
  logger.info('booking replayed for idempotency key', { bookingId: booking.id });
  return issued(deps, booking);
}

/** The booking with its clients' tokens; derived, not stored, so a replay answers the same ones. */
function issued(deps: Deps, booking: Booking): BookingResult {
  // An unverified booking's answer went to whoever typed the addresses: its tokens must never become
  // a client's own link once the clients verify (decision 91).
  const issue = booking.provisionalTokens ? issueProvisionalManageToken : issueClientManageToken;
  const manageTokens = booking.clients.map((_, i) => issue(deps.config.manageTokenSecret, booking.id, i));
  return { booking, manageToken: manageTokens[0]!, manageTokens };
}

/** The ledgers the write will touch; only if the zone-independent guess missed one is it read again. */
async function withLedgers(deps: Pick<Deps, 'bookings'>, therapistId: string, known: Map<string, DayLedger>, dates: string[]): Promise<Map<string, DayLedger>> {
  const missing = dates.filter((d) => !known.has(d));
  if (missing.length === 0) return known;
  const extra = await deps.bookings.readWriteContext(therapistId, missing);
  return new Map([...known, ...extra.ledgers]);
}

function wholeMinute(iso: string, path: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw validationFailed('The time is not a valid instant.', [{ path, message: 'must be an ISO 8601 instant with an offset' }]);
  if (date.getTime() % 60_000 !== 0) throw validationFailed('Times are whole minutes.', [{ path, message: 'must be a whole minute' }]);
  return date;
}

export function retentionExpiry(endIso: string, retentionDays: number): number {
  return Math.floor(Date.parse(endIso) / 1000) + retentionDays * DAY_SECONDS;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

