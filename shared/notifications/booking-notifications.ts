import type { BookingEvent, ReminderDue, SeriesEvent } from '../../events/booking-events';
import type { Series } from '../series/series';
import { buildOccurrenceUpdate } from './series-calendar';
import { EN_WORDING } from './message-wording';
import { notifySeriesEvent } from './series-notifications';
import type { Booking } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import { BookingReadBehind, standingOf } from '../events/event-standing';
import { logger } from '../logging/logger';
import { deliverOnce, type Addressed } from './deliver-once';
import { manageLink } from './manage-link';
import { composeClientEmail, composeTherapistEmail, type BookingMessageKind } from './notification-content';
import type { AppConfig } from '../config/config';
import type { BookingRepository } from '../store/booking-repository';
import type { TherapistRepository } from '../store/therapist-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { DeliveryClaims } from '../store/delivery-claims';
import type { Mailer } from '../mail/mailer';
import type { EmailFeedbackRepository } from '../store/email-feedback-repository';
import type { Clock } from '../time/clock';
import { notifyHoldEvent } from './hold-notifications';

/** What this module needs, in its own terms: any object with these members will do. */
export interface BookingNotificationsPorts {
  config: AppConfig;
  bookings: Pick<BookingRepository, 'get' | 'getSeries'>;
  therapists: Pick<TherapistRepository, 'loadConfiguration'>;
  settings: Pick<SettingsRepository, 'get'>;
  claims: DeliveryClaims;
  mailer: Mailer;
  emailFeedback: EmailFeedbackRepository;
  /** "Now" for a hold: past its end it is expired, whether or not the sweep has written that. */
  clock: Clock;
}

type Deps = BookingNotificationsPorts;

const KIND: Partial<Record<BookingEvent['type'], Exclude<BookingMessageKind, 'reminder'>>> = {
  'booking.confirmed': 'confirmation',
  'booking.rescheduled': 'reschedule',
  'booking.cancelled': 'cancellation',
};

/**
 * Tells each client (each partner separately) and the therapist what an event means. Names and
 * addresses come from the booking itself; the event carries only ids and times.
 *
 * Only the booking's latest change is told, as the booking now is: an event a later change has
 * superseded (a confirmation handled after a reschedule, anything after a cancellation) sends
 * nothing, because the later change's own event tells the current time. So no email names a time
 * the booking no longer has, and a cancelled booking never gets a confirmation.
 */
export async function notifyBookingEvent(deps: Deps, event: BookingEvent): Promise<void> {
  if (isHoldEvent(event)) return notifyHoldEvent(deps, event);
  const booking = await deps.bookings.get(event.data.bookingId);
  const standing = standingOf(event, booking);
  if (standing === 'ahead') throw new BookingReadBehind(event.data.bookingId);
  if (!booking || standing !== 'current') {
    logger.info('event is not the booking\'s latest change; nothing to send', {
      bookingId: event.data.bookingId, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: booking?.sequence, standing,
    });
    return;
  }
  // The event is the booking's latest change, so the booking as it is now is what it tells.
  const described: Booking = booking;
  const series = booking.seriesId ? (await deps.bookings.getSeries(booking.seriesId))?.series : undefined;
  if (booking.seriesId && !tellsOnItsOwn(event, series, booking.occurrenceIndex)) {
    logger.info('series occurrence: the series\' own email tells this', { bookingId: booking.id, seriesId: booking.seriesId, eventType: event.type });
    return;
  }
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(booking.therapistId), deps.settings.get()]);
  const therapist = configuration.therapist;
  const sessionType = configuration.sessionTypes.find((s) => s.id === booking.sessionTypeId);
  const kind = KIND[event.type];
  if (!kind) return; // the hold events went to notifyHoldEvent above
  const previousStart = event.type === 'booking.rescheduled' ? event.data.previousStart : undefined;
  const emails: Addressed[] = booking.clients.map((recipient, i) => ({
    role: `client:${i}`,
    email: composeClientEmail({
      kind, booking: described, recipient, settings, sessionType,
      therapist: { displayName: therapist?.displayName ?? settings.practiceName },
      manageUrl: manageLink(deps.config, booking.id, i),
      ...place(settings),
      ...(previousStart ? { previousStart } : {}),
    }),
  }));
  if (series && booking.occurrenceIndex !== undefined) {
    // One occurrence changed on its own: its .ics updates that instance of the series' event (decision 63).
    const cancelled = booking.status === 'cancelled';
    const w = EN_WORDING;
    // Where, as the booking's own .ics says it (notification-content's calendarLocation).
    const location = sessionType?.modality === 'telehealth' ? (settings.videoUrl ? w.calendar.videoCallAt(settings.videoUrl) : w.calendar.videoCall) : sessionType?.modality === 'in_person' ? settings.address : undefined;
    emails.forEach(({ email }, i) => {
      const manageUrl = manageLink(deps.config, booking.id, i);
      email.calendar = buildOccurrenceUpdate(
        series,
        { index: booking.occurrenceIndex!, start: booking.start, end: booking.end, sequence: booking.sequence, cancelled },
        {
          stamp: new Date(),
          summary: w.calendar.summaryWith(therapist?.displayName ?? settings.practiceName),
          description: cancelled ? w.calendar.description.cancelled : `${w.calendar.description.active}\n${w.calendar.manageLine(manageUrl)}`,
          ...(location && !cancelled ? { location } : {}),
          ...(cancelled ? {} : { url: manageUrl }),
          organizer: { name: settings.senderName, email: settings.senderEmail },
          attendee: { name: booking.clients[i]!.name, email: booking.clients[i]!.email },
        },
      );
    });
  }
  if (therapist?.email) {
    emails.push({
      role: 'therapist',
      email: composeTherapistEmail({ kind, booking: described, therapist, settings, sessionType, ...(previousStart ? { previousStart } : {}) }),
    });
  }
  const result = await deliverOnce(deps, event.id, emails, { bookingId: booking.id });
  logger.info('booking notifications done', { bookingId: booking.id, eventType: event.type, ...result });
}

/** The events of held bookings, and a request's withdrawal: hold-notifications tells them. */
function isHoldEvent(event: BookingEvent): event is Parameters<typeof notifyHoldEvent>[1] {
  if (event.type === 'booking.cancelled') return event.data.previousStatus === 'requested';
  return event.type !== 'booking.confirmed' && event.type !== 'booking.rescheduled';
}

/**
 * Whether a series occurrence's own event sends its own emails. Its confirmation does not: the
 * series' one confirmation lists it (or, for a week the extension job books, the open rule shows
 * it) — unless the occurrence was a skipped week the therapist placed by hand (decision 73): the
 * client's calendar has that date excluded, so its confirmation is the one email that tells it, an
 * update of the series' event for that date. Its cancellation does not once the series is ended: the series'
 * cancellation tells it (endSeries marks the series ended before cancelling its occurrences). A move,
 * or a cancellation of one occurrence of an active series, does, as for any booking.
 */
function tellsOnItsOwn(event: BookingEvent, series: Series | undefined, index: number | undefined): boolean {
  if (!series) return event.type !== 'booking.confirmed';
  if (event.type === 'booking.confirmed') return series.occurrences.some((o) => o.index === index && o.placed === true);
  if (event.type === 'booking.cancelled') return series.status !== 'ended';
  return true;
}

/** The one entry point of send-booking-notifications: booking events and series events. */
export async function notifyEvent(deps: Deps, event: BookingEvent | SeriesEvent): Promise<void> {
  if (event.type === 'series.created' || event.type === 'series.ended' || event.type === 'series.changed') return notifySeriesEvent(deps, event);
  return notifyBookingEvent(deps, event);
}

/** Sends a due reminder to each client, unless the booking was cancelled or moved since. */
export async function sendReminder(deps: Deps, event: ReminderDue): Promise<void> {
  const booking = await deps.bookings.get(event.data.bookingId);
  if (!booking || booking.status !== 'confirmed' || Date.parse(booking.start) !== Date.parse(event.data.start)) {
    logger.info('stale reminder skipped', { bookingId: event.data.bookingId, offsetMinutes: event.data.offsetMinutes });
    return;
  }
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(booking.therapistId), deps.settings.get()]);
  const sessionType = configuration.sessionTypes.find((s) => s.id === booking.sessionTypeId);
  const emails: Addressed[] = booking.clients.map((recipient, i) => ({
    role: `client:${i}`,
    email: composeClientEmail({
      kind: 'reminder', booking, recipient, settings, sessionType,
      therapist: { displayName: configuration.therapist?.displayName ?? settings.practiceName },
      manageUrl: manageLink(deps.config, booking.id, i),
      ...place(settings),
    }),
  }));
  const result = await deliverOnce(deps, event.id, emails, { bookingId: booking.id });
  logger.info('reminder done', { bookingId: booking.id, offsetMinutes: event.data.offsetMinutes, ...result });
}

/** Where sessions happen, as the practice configured it. */
function place(settings: PracticeSettings): { location?: string; videoUrl?: string } {
  return { ...(settings.address ? { location: settings.address } : {}), ...(settings.videoUrl ? { videoUrl: settings.videoUrl } : {}) };
}
