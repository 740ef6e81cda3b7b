import { audit, type Audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import { bookingAsOf, isHeldStatus, type Booking, type BookingStatus } from '../domain/booking';
import type { Therapist } from '../domain/therapist';
import { conflict, forbidden, notFound, requestExpired, verificationRequired } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { BookingCommit, BookingRepository } from '../store/booking-repository';
import type { TherapistRepository } from '../store/therapist-repository';
import type { Clock } from '../time/clock';
import type { AppConfig } from '../config/config';
import { issueClientManageToken } from '../tokens/manage-token';
import { readVerifyGrant } from '../tokens/verify-token';
import { retentionExpiry } from './booking-service';
import { holdEnd, judgeByRules, type HoldDecisionPorts } from './hold-decision';
import { retryRefusedCommits } from './optimistic-retry';
import { applyLedgerChange } from './slot-rules-input';
import { activeKeys, entryOf, updateActive } from '../abuse/rate-limits';

/** What this module needs, in its own terms: any object with these members will do. */
export interface HoldServicePorts {
  config: Pick<AppConfig, 'manageTokenSecret'>;
  clock: Clock;
  therapists: Pick<TherapistRepository, 'loadConfiguration'>;
  bookings: Pick<BookingRepository, 'get' | 'commit' | 'readWriteContext'>;
  clientHistory: HoldDecisionPorts['clientHistory'];
}

type Deps = HoldServicePorts;
type Target = Exclude<BookingStatus, 'cancelled'>;

/**
 * The one way a held booking changes (decision 75): the new status and fields, its ledger entries
 * and its hold item as the status needs them, in one transaction conditioned on the sequence that
 * was read. A concurrent verify, approval, decline, cancel or sweep therefore wins or loses whole:
 * the loser's commit is refused and its caller decides again on what the winner wrote.
 * - still held (pending, or requested with a new `holdUntil`): entries carry `holdUntil`, hold item put;
 * - confirmed: entries block until cancelled, no `holdUntil`, hold item deleted;
 * - declined or expired: entries released, hold item deleted.
 */
export async function commitTransition(
  /** `config`: to keep the clients' active-bookings items (decision 127); without it they are pruned lazily, by `holdUntil`. */
  deps: Pick<Deps, 'bookings' | 'clock'> & { config?: Pick<AppConfig, 'manageTokenSecret'> },
  booking: Booking,
  status: Target,
  fields: Partial<Booking>,
  audited?: Audit,
): Promise<Booking> {
  const now = deps.clock.now();
  const counted = deps.config ? activeKeys(deps.config.manageTokenSecret, booking) : [];
  const context = await deps.bookings.readWriteContext(booking.therapistId, booking.ledgerDates, undefined, counted);
  const { holdUntil: _previousHold, ...rest } = booking;
  const next: Booking = {
    ...rest,
    // An expired booking keeps the end of its hold (its `expiredAt`); a confirmed or declined one holds nothing.
    ...(isHeldStatus(status) || status === 'expired' ? { holdUntil: booking.holdUntil } : {}),
    ...fields,
    status,
    updatedAt: now.toISOString(),
    sequence: booking.sequence + 1,
  };
  const claim = { dates: booking.ledgerDates, start: booking.start, end: booking.blockedUntil };
  let change: Pick<BookingCommit, 'ledgers' | 'hold'>;
  if (status === 'pending_verification' && next.holdUntil === booking.holdUntil) change = { ledgers: [] }; // one partner of two verified
  else if (isHeldStatus(status)) change = { ledgers: applyLedgerChange(context.ledgers, booking.id, booking.ledgerDates, { ...claim, holdUntil: next.holdUntil }), hold: 'put' };
  else if (status === 'confirmed') change = { ledgers: applyLedgerChange(context.ledgers, booking.id, booking.ledgerDates, claim), hold: 'delete' };
  else change = { ledgers: applyLedgerChange(context.ledgers, booking.id, booking.ledgerDates), hold: 'delete' };
  const active = updateActive(context.active, booking.id, entryOf(next), now);
  await deps.bookings.commit({ booking: next, expect: booking.sequence, expiresAt: retentionExpiry(booking.end, context.settings.retentionDays), ...change, active, ...(audited ? { audit: audited } : {}) });
  logger.info('hold changed', { bookingId: booking.id, therapistId: booking.therapistId, from: booking.status, to: status });
  return next;
}

export interface VerifyResult {
  booking: Booking;
  /** The verifier's index in `clients`: their own manage token is in the answer. */
  client: number;
  manageToken: string;
  /** This client had already verified (a second click, or a concurrent one that lost the race). */
  alreadyVerified: boolean;
}

/**
 * A client proves their address with the link from the verification email. When the last client
 * has, the session type's rules decide: confirmed, requested (held for `requestHoldHours`, never past
 * the start) or declined by the rules. A hold that has ended, or a booking that is gone, is
 * `request_expired`: the time is free again. Twenty concurrent clicks make one transition: each
 * loser re-reads and answers `alreadyVerified`.
 */
export async function verifyBooking(deps: Deps, bookingId: string, token: string | undefined): Promise<VerifyResult> {
  const grant = token ? readVerifyGrant(deps.config.manageTokenSecret, token) : undefined;
  if (!grant || grant.bookingId !== bookingId) throw forbidden();
  const answer = (booking: Booking, alreadyVerified: boolean): VerifyResult => ({
    booking,
    client: grant.client,
    manageToken: issueClientManageToken(deps.config.manageTokenSecret, booking.id, grant.client),
    alreadyVerified,
  });
  return retryRefusedCommits('verify', async () => {
    const now = deps.clock.now();
    const stored = await deps.bookings.get(bookingId);
    // Gone (retention) is as over as expired: the answer is the same, the time is free.
    if (!stored) throw requestExpired();
    if (grant.client >= stored.clients.length) throw forbidden();
    const booking = bookingAsOf(stored, now);
    if (booking.status === 'expired') throw requestExpired();
    if (booking.status === 'declined') throw conflict('This request was declined and can no longer be confirmed.');
    if (booking.status === 'cancelled') throw conflict('This booking was cancelled and can no longer be confirmed.');
    if (booking.status !== 'pending_verification' || booking.verified?.[grant.client] === true) return answer(booking, true);

    const verified = booking.clients.map((_, i) => i === grant.client || booking.verified?.[i] === true);
    if (!verified.every(Boolean)) return answer(await commitTransition(deps, booking, 'pending_verification', { verified }), false);

    const [configuration, context] = await Promise.all([
      deps.therapists.loadConfiguration(booking.therapistId),
      deps.bookings.readWriteContext(booking.therapistId, []),
    ]);
    // A type deleted since the booking was made has no rules left to apply.
    const sessionType = configuration.sessionTypes.find((s) => s.id === booking.sessionTypeId) ?? {};
    const outcome = await judgeByRules(deps, { therapistId: booking.therapistId, sessionType, clients: booking.clients, now });
    const proof = { verified, verifiedAt: now.toISOString() };
    if (outcome.status === 'declined') {
      return answer(await commitTransition(deps, booking, 'declined', { ...proof, declinedAt: now.toISOString(), declinedBy: 'rules', ruleRefusal: outcome.ruleRefusal }), false);
    }
    if (outcome.status === 'requested') {
      const holdUntil = holdEnd(now, context.settings.requestHoldHours * 60, booking.start);
      return answer(await commitTransition(deps, booking, 'requested', { ...proof, holdUntil }), false);
    }
    return answer(await commitTransition(deps, booking, 'confirmed', proof), false);
  });
}

/** The therapist's own booking as of now, or 404 (another therapist's booking is not there). */
async function ownBooking(deps: Pick<Deps, 'bookings' | 'clock'>, me: Therapist, bookingId: string): Promise<Booking> {
  const stored = await deps.bookings.get(bookingId);
  if (!stored || stored.therapistId !== me.id) throw notFound('The booking');
  return bookingAsOf(stored, deps.clock.now());
}

const stillVerifying = () => verificationRequired("This booking is waiting for the client's email address to be confirmed; it can be answered once it has been.");

/** The therapist approves a request: confirmed. Approving a confirmed booking answers it unchanged. */
export async function approveRequest(deps: Deps & { audit: Pick<AuditLog, 'entry'> }, me: Therapist, bookingId: string, actor: string): Promise<Booking> {
  return retryRefusedCommits('approve', async () => {
    const booking = await ownBooking(deps, me, bookingId);
    if (booking.status === 'confirmed') return booking;
    if (booking.status === 'expired') throw requestExpired();
    if (booking.status === 'pending_verification') throw stillVerifying();
    if (booking.status === 'declined') throw conflict('This request was declined and can no longer be approved.');
    if (booking.status === 'cancelled') throw conflict('This request was withdrawn and can no longer be approved.');
    return commitTransition(deps, booking, 'confirmed', { approvedAt: deps.clock.now().toISOString() }, audit(deps.audit, actor, 'booking.approve', bookingId));
  });
}

/** The therapist declines a request, with a reason only they will see. Declining a declined one answers it unchanged. */
export async function declineRequest(deps: Deps & { audit: Pick<AuditLog, 'entry'> }, me: Therapist, bookingId: string, reason: string | undefined, actor: string): Promise<Booking> {
  return retryRefusedCommits('decline', async () => {
    const booking = await ownBooking(deps, me, bookingId);
    if (booking.status === 'declined') return booking;
    if (booking.status === 'expired') throw requestExpired();
    if (booking.status === 'pending_verification') throw stillVerifying();
    if (booking.status === 'confirmed') throw conflict('This booking is confirmed: cancel it instead.');
    if (booking.status === 'cancelled') throw conflict('This request was withdrawn and can no longer be declined.');
    return commitTransition(deps, booking, 'declined', {
      declinedAt: deps.clock.now().toISOString(),
      declinedBy: 'therapist',
      ...(reason ? { declineReason: reason } : {}),
    }, audit(deps.audit, actor, 'booking.decline', bookingId));
  });
}

/**
 * Writes a hold that has ended as `expired` (`expiredAt` = its `holdUntil`), releasing its time and
 * its hold item. Reads already treat it as expired; this makes it so in the table and, through the
 * stream, tells whoever must be told. Anything else (not held any more, a hold extended since the
 * sweep's query) is left alone; a stray hold item of a booking that holds nothing goes.
 */
export async function expireHold(deps: Pick<Deps, 'bookings' | 'clock'> & { config?: Pick<AppConfig, 'manageTokenSecret'> } & { bookings: Pick<BookingRepository, 'removeHold'> }, bookingId: string): Promise<'expired' | 'not_due' | 'not_held'> {
  return retryRefusedCommits('expire', async () => {
    const stored = await deps.bookings.get(bookingId);
    if (!stored || !isHeldStatus(stored.status)) {
      await deps.bookings.removeHold(bookingId);
      return 'not_held';
    }
    if (bookingAsOf(stored, deps.clock.now()).status !== 'expired') return 'not_due';
    await commitTransition(deps, stored, 'expired', { expiredAt: stored.holdUntil });
    return 'expired';
  });
}
