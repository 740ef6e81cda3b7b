import { createHmac, timingSafeEqual } from 'node:crypto';
import ical, { ICalEventClass, ICalEventStatus } from 'ical-generator';
import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import { bookingAsOf, type Booking } from '../domain/booking';
import type { Therapist } from '../domain/therapist';
import { notFound } from '../errors/domain-errors';
import { CALENDAR_PROD_ID, calendarUid } from '../notifications/calendar-invitation';
import { firstName } from '../notifications/person-name';
import type { AppConfig } from '../config/config';
import type { TherapistRepository } from '../store/therapist-repository';
import type { BookingRepository } from '../store/booking-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { Clock } from '../time/clock';

/** What this module needs, in its own terms: any object with these members will do. */
export interface CalendarFeedPorts {
  config: Pick<AppConfig, 'manageTokenSecret'>;
  therapists: Pick<TherapistRepository, 'calendarFeedVersion' | 'getProfile'>;
  bookings: Pick<BookingRepository, 'listByTherapist'>;
  settings: Pick<SettingsRepository, 'get'>;
  clock: Clock;
  /** A rotation writes its audit entry in its own transaction (issue 17). */
  audit: Pick<AuditLog, 'entry'>;
}

/**
 * A therapist's secret calendar subscription: `<api>/v1/calendar-feeds/<therapistId>/<token>`,
 * where the token is `<version>.<HMAC(secret, therapistId, version)>`. Nothing secret is stored:
 * the same URL comes back until the therapist rotates it, which bumps the version and so revokes
 * every earlier URL at once.
 */
function feedToken(secret: string, therapistId: string, version: number): string {
  const mac = createHmac('sha256', secret).update(`calendar-feed.${therapistId}.${version}`).digest('base64url');
  return `${version}.${mac}`;
}

export async function calendarFeedUrl(deps: Pick<CalendarFeedPorts, 'config' | 'therapists'>, me: Therapist, apiBaseUrl: string): Promise<string> {
  return feedUrl(deps, me, apiBaseUrl, await deps.therapists.calendarFeedVersion(me.id));
}

/** A new URL whose version revokes every earlier one; audited in the same transaction as the bump (issue 17). */
export async function rotateCalendarFeed(deps: Pick<CalendarFeedPorts, 'config' | 'therapists' | 'audit'>, me: Therapist, apiBaseUrl: string, actor: string): Promise<string> {
  return feedUrl(deps, me, apiBaseUrl, await deps.therapists.calendarFeedVersion(me.id, true, audit(deps.audit, actor, 'calendarFeed.rotate', me.id)));
}

function feedUrl(deps: Pick<CalendarFeedPorts, 'config'>, me: Therapist, apiBaseUrl: string, version: number): string {
  return `${apiBaseUrl}/v1/calendar-feeds/${encodeURIComponent(me.id)}/${feedToken(deps.config.manageTokenSecret, me.id, version)}`;
}

/** Upcoming bookings look back a week and ahead a year. */
const PAST_DAYS = 7;
const FUTURE_DAYS = 366;

/** The feed for a valid token; a wrong, old or foreign token is simply not there (404). */
export async function calendarFeed(deps: Pick<CalendarFeedPorts, 'config' | 'therapists' | 'bookings' | 'settings' | 'clock'>, therapistId: string, token: string): Promise<string> {
  const profile = await deps.therapists.getProfile(therapistId);
  const therapist = profile?.therapist;
  const expected = Buffer.from(feedToken(deps.config.manageTokenSecret, therapistId, profile?.calendarFeedVersion ?? 0));
  const given = Buffer.from(token);
  if (!therapist || !therapist.active || given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound('The calendar feed');

  const now = deps.clock.now().getTime();
  const [bookings, settings] = await Promise.all([
    deps.bookings.listByTherapist(therapistId, new Date(now - PAST_DAYS * 86400_000).toISOString(), new Date(now + FUTURE_DAYS * 86400_000).toISOString()),
    deps.settings.get(),
  ]);
  const calendar = ical({ prodId: CALENDAR_PROD_ID, name: settings.practiceName, ttl: 15 * 60 });
  for (const booking of feedBookings(bookings, new Date(now))) {
    const request = booking.status === 'requested';
    calendar.createEvent({
      id: calendarUid(booking.id),
      sequence: booking.sequence,
      start: new Date(booking.start),
      end: new Date(booking.end),
      stamp: new Date(booking.updatedAt),
      summary: summaryOf(booking, request ? 'Request' : 'Appointment'),
      class: ICalEventClass.PRIVATE,
      status: request ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/**
 * What the feed shows, as the bookings stand now (decision 86): confirmed ones, and requests
 * waiting for the therapist's decision (tentative, so the time shows as held but undecided). A
 * booking still waiting for its clients to verify is not shown: nobody has proven it is wanted, and
 * it may be someone's address typed by a stranger. A lapsed hold (even before the sweep wrote it),
 * a declined or cancelled one, is gone; a request that becomes confirmed keeps its UID, so the
 * calendar updates the same entry.
 */
export function feedBookings(bookings: readonly Booking[], now: Date): Booking[] {
  return bookings.map((b) => bookingAsOf(b, now)).filter((b) => b.status === 'confirmed' || b.status === 'requested');
}

/** First names only: a calendar shows on lock screens and shared screens. */
function summaryOf(booking: Booking, what: 'Appointment' | 'Request'): string {
  const names = booking.clients.map((c) => firstName(c.name) ?? '').filter(Boolean);
  return names.length ? `${what}: ${names.join(' & ')}` : what;
}
