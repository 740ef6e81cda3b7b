import type { BookingCancelled, BookingDeclined, BookingExpired, BookingRequested, BookingVerificationRequested } from '../../events/booking-events';
import { bookingAsOf, type Booking } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import { BookingReadBehind, standingOf } from '../events/event-standing';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import type { BookingNotificationsPorts } from './booking-notifications';
import { consoleLink } from './console-link';
import { deliverOnce, type Addressed } from './deliver-once';
import { composeHoldClientEmail, composeHoldTherapistEmail, type HoldClientKind, type HoldTherapistKind } from './hold-content';
import { manageLink } from './manage-link';
import { verifyLink } from './verify-link';

/** What this module needs, in its own terms. */
export interface HoldNotificationsPorts extends Omit<BookingNotificationsPorts, 'bookings'> {
  bookings: Pick<BookingRepository, 'get'>;
  clock: Clock;
}

/** The events of held bookings, and a request's cancellation (its withdrawal). */
export type HoldEvent = BookingVerificationRequested | BookingRequested | BookingDeclined | BookingExpired | BookingCancelled;

/**
 * Tells what a held booking's event means (decision 85), order-proof: each decides on the booking
 * as it is now (`bookingAsOf`, so a hold past its end counts as expired before the sweep writes
 * it), never on the order events arrive in; each email goes at most once per event and recipient
 * (delivery claims keyed by the event id).
 *
 * - verification_requested: each client who has not verified yet, while the booking still waits for
 *   them (pending_verification and before holdUntil). Not by sequence: one partner verifying bumps
 *   the sequence without an event of its own, and the other still needs their link. Handled after the
 *   booking was verified, declined, cancelled or expired, it sends nothing.
 * - requested: each client "received, the practitioner will confirm", the therapist "new request";
 *   only while it is the booking's latest change and the request has not lapsed (then the
 *   expiry's own event tells).
 * - declined: each client, saying why when an audience rule refused it. The therapist declined it
 *   or never saw it: nothing to them.
 * - expired: a request: each client and the therapist. An unverified hold: nothing at all (nobody
 *   proved the address, so nobody is written to again).
 * - cancelled from requested: each client and the therapist "request withdrawn".
 */
export async function notifyHoldEvent(deps: HoldNotificationsPorts, event: HoldEvent): Promise<void> {
  const booking = await deps.bookings.get(event.data.bookingId);
  if (booking && booking.sequence < event.data.sequence) throw new BookingReadBehind(event.data.bookingId);
  const now = deps.clock.now();
  const asOf = booking && bookingAsOf(booking, now);
  const skip = (why: string) =>
    logger.info('hold event tells nothing now; nothing to send', {
      bookingId: event.data.bookingId, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: booking?.sequence, status: asOf?.status, why,
    });

  if (event.type === 'booking.verification_requested') {
    if (!booking || asOf!.status !== 'pending_verification') return skip('no longer waiting for verification');
    const unverified = booking.clients.map((_, i) => i).filter((i) => booking.verified?.[i] !== true);
    const settings = await deps.settings.get();
    // Not the therapist's configuration: the verification email names no practitioner or session.
    const emails: Addressed[] = unverified.map((i) => ({
      role: `client:${i}`,
      email: composeHoldClientEmail({
        kind: 'verification', booking, recipient: booking.clients[i]!, settings, therapist: { displayName: '' },
        verifyUrl: verifyLink(deps.config, booking.id, i), now,
      }),
    }));
    const result = await deliverOnce(deps, event.id, emails, { bookingId: booking.id });
    logger.info('verification emails done', { bookingId: booking.id, unverified: unverified.length, ...result });
    return;
  }

  if (!booking || standingOf(event, booking) !== 'current') return skip('not the booking\'s latest change');
  const plan = planOf(event, asOf!);
  if (!plan) return skip('nothing to tell for this change');

  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(booking.therapistId), deps.settings.get()]);
  const therapist = configuration.therapist;
  const sessionType = configuration.sessionTypes.find((s) => s.id === booking.sessionTypeId);
  const emails: Addressed[] = booking.clients.map((recipient, i) => ({
    role: `client:${i}`,
    email: composeHoldClientEmail({
      kind: plan.client, booking, recipient, settings, sessionType, now,
      therapist: { displayName: therapist?.displayName ?? settings.practiceName },
      ...place(settings),
      ...(plan.client === 'request_received' ? { manageUrl: manageLink(deps.config, booking.id, i) } : {}),
      ...(booking.ruleRefusal ? { ruleRefusal: booking.ruleRefusal } : {}),
    }),
  }));
  if (plan.therapist && therapist?.email) {
    emails.push({
      role: 'therapist',
      email: composeHoldTherapistEmail({
        kind: plan.therapist, booking, therapist, settings, sessionType, now, ...place(settings),
        ...(plan.therapist === 'new_request' ? { consoleUrl: consoleLink(deps.config) } : {}),
      }),
    });
  }
  const result = await deliverOnce(deps, event.id, emails, { bookingId: booking.id });
  logger.info('hold notifications done', { bookingId: booking.id, eventType: event.type, ...result });
}

/** Who is told what, for a current event and the booking as it is now; undefined: no one. */
function planOf(event: Exclude<HoldEvent, BookingVerificationRequested>, asOf: Booking): { client: HoldClientKind; therapist?: HoldTherapistKind } | undefined {
  switch (event.type) {
    case 'booking.requested':
      return asOf.status === 'requested' ? { client: 'request_received', therapist: 'new_request' } : undefined;
    case 'booking.declined':
      return { client: asOf.declinedBy === 'rules' ? 'request_refused' : 'request_declined' };
    case 'booking.expired':
      return event.data.previousStatus === 'requested' ? { client: 'request_lapsed', therapist: 'request_lapsed' } : undefined;
    case 'booking.cancelled':
      return { client: 'request_withdrawn', therapist: 'request_withdrawn' };
  }
}

function place(settings: PracticeSettings): { location?: string; videoUrl?: string } {
  return { ...(settings.address ? { location: settings.address } : {}), ...(settings.videoUrl ? { videoUrl: settings.videoUrl } : {}) };
}
