import type { SeriesEvent } from '../../events/booking-events';
import type { Series } from '../series/series';
import { logger } from '../logging/logger';
import { deliverOnce, type Addressed } from './deliver-once';
import { manageLink } from './manage-link';
import type { BookingNotificationsPorts } from './booking-notifications';
import { composeSeriesClientEmail, composeSeriesTherapistEmail } from './series-content';
import { composeSeriesChangeClientEmail, composeSeriesChangeTherapistEmail } from './series-change-content';
import type { BookingRepository } from '../store/booking-repository';

/** What this module needs, in its own terms. */
export interface SeriesNotificationsPorts extends Omit<BookingNotificationsPorts, 'bookings'> {
  bookings: Pick<BookingRepository, 'getSeries'>;
}

/**
 * The last occurrence an ended series keeps (its index), or none when nothing of it stays: the
 * booked occurrences before the series' `endedFrom` (endSeries writes it, with status `ended`,
 * before it cancels the occurrences, so the ones still being cancelled do not count as kept).
 */
export function keptThrough(series: Series): number | undefined {
  const kept = series.occurrences.filter((o) => o.status === 'booked' && (!series.endedFrom || occurrenceDate(series, o.start) < series.endedFrom));
  return kept.length ? Math.max(...kept.map((o) => o.index)) : undefined;
}

function occurrenceDate(series: Series, start: string): string {
  return new Date(start).toLocaleDateString('en-CA', { timeZone: series.therapistTimeZone });
}

/**
 * One email per client (each partner their own) and one to the therapist for the whole series, as
 * the series is now (decision 27's rule, decision 64): a confirmation while the series is active (an
 * ended one's cancellation tells everything), a cancellation once it is ended. Delivery claims keyed by the event id send each at most once per recipient.
 */
export async function notifySeriesEvent(deps: SeriesNotificationsPorts, event: SeriesEvent): Promise<void> {
  if (event.type === 'series.changed') return notifySeriesChange(deps, event);
  const stored = await deps.bookings.getSeries(event.data.seriesId);
  const series = stored?.series;
  const current =
    !!series &&
    // Not by sequence: every occurrence endSeries then cancels bumps the series' sequence too.
    (event.type === 'series.created' ? series.status === 'active' && series.pending !== 'create' : series.status === 'ended');
  if (!series || !current) {
    logger.info('series event is not the series\' current state; nothing to send', { seriesId: event.data.seriesId, eventType: event.type, eventSequence: event.data.sequence, seriesSequence: series?.sequence });
    return;
  }
  const kind = event.type === 'series.created' ? 'created' : 'ended';
  const through = kind === 'ended' ? keptThrough(series) : undefined;
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(series.therapistId), deps.settings.get()]);
  const therapist = configuration.therapist;
  const sessionType = configuration.sessionTypes.find((s) => s.id === series.sessionTypeId);
  // The manage link of each client is the one of their first booked occurrence (s2's series tokens may replace it).
  const anchor = series.occurrences.find((o) => o.status === 'booked' && o.bookingId)?.bookingId ?? series.occurrences.find((o) => o.bookingId)?.bookingId;
  const place = { ...(settings.address ? { location: settings.address } : {}), ...(settings.videoUrl ? { videoUrl: settings.videoUrl } : {}) };
  const emails: Addressed[] = series.clients.map((recipient, i) => ({
    role: `client:${i}`,
    email: composeSeriesClientEmail({
      kind, series, recipient, settings, sessionType, ...place,
      therapist: { displayName: therapist?.displayName ?? settings.practiceName },
      manageUrl: manageLink(deps.config, anchor ?? series.id, i),
      ...(through !== undefined ? { keptThrough: through } : {}),
    }),
  }));
  if (therapist?.email) {
    emails.push({ role: 'therapist', email: composeSeriesTherapistEmail({ kind, series, therapist, settings, sessionType, ...(through !== undefined ? { keptThrough: through } : {}) }) });
  }
  // Bounce marks go on the anchor booking: the therapist sees them where they see the client.
  const result = await deliverOnce(deps, event.id, emails, { bookingId: anchor ?? series.id });
  logger.info('series notifications done', { seriesId: series.id, eventType: event.type, ...result });
}

/**
 * Weeks skipped after the confirmation (decision 71), as the series is now: the weeks whose skip was
 * written at the event's sequence, if the series is still active (an ended one's cancellation tells
 * everything, its rule cut). Each client gets the series' event again (its EXDATEs and SEQUENCE as
 * now, so an older event handled late still leaves the calendar right), the therapist the dates and
 * why. Delivery claims keyed by the event id send each at most once per recipient.
 */
async function notifySeriesChange(deps: SeriesNotificationsPorts, event: SeriesEvent): Promise<void> {
  const series = (await deps.bookings.getSeries(event.data.seriesId))?.series;
  const skipped = series?.status === 'active' ? series.occurrences.filter((o) => o.status === 'skipped' && o.skippedAt === event.data.sequence) : [];
  if (!series || skipped.length === 0) {
    logger.info('series change is not the series\' current state; nothing to send', { seriesId: event.data.seriesId, eventType: event.type, eventSequence: event.data.sequence, seriesSequence: series?.sequence });
    return;
  }
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(series.therapistId), deps.settings.get()]);
  const therapist = configuration.therapist;
  const sessionType = configuration.sessionTypes.find((s) => s.id === series.sessionTypeId);
  const anchor = series.occurrences.find((o) => o.status === 'booked' && o.bookingId)?.bookingId ?? series.occurrences.find((o) => o.bookingId)?.bookingId;
  const emails: Addressed[] = series.clients.map((recipient, i) => ({
    role: `client:${i}`,
    email: composeSeriesChangeClientEmail({
      series, skipped, recipient, settings, sessionType,
      therapist: { displayName: therapist?.displayName ?? settings.practiceName },
      manageUrl: manageLink(deps.config, anchor ?? series.id, i),
    }),
  }));
  if (therapist?.email) emails.push({ role: 'therapist', email: composeSeriesChangeTherapistEmail({ series, skipped, therapist, settings }) });
  const result = await deliverOnce(deps, event.id, emails, { bookingId: anchor ?? series.id });
  logger.info('series notifications done', { seriesId: series.id, eventType: event.type, ...result });
}
