import { randomUUID } from 'node:crypto';
import type { Booking, Client } from '../domain/booking';
import { CLIENTS_PER_KIND } from '../domain/therapist';
import { slotUnavailable, validationFailed } from '../errors/domain-errors';
import { bookable } from '../booking/bookable';
import { newBookingRecord } from '../booking/booking-record';
import { holdEnd } from '../booking/hold-decision';
import type { BookingResult } from '../booking/booking-service';
import type { AppConfig } from '../config/config';
import type { PracticeSettings } from '../domain/practice-settings';
import type { TherapistRepository } from '../store/therapist-repository';
import type { Clock } from '../time/clock';
import { issueClientManageToken, issueProvisionalManageToken } from '../tokens/manage-token';

/** A form filled in faster than this was not filled in by a person (decision 129). */
export const MIN_FORM_MS = 2000;

/** What the widget adds to a booking request (decision 129): a field people never see, and how long the form was shown. */
export interface BotSignals {
  website?: string;
  formMs?: number;
}

/** Why a request is taken for a bot's, or nothing. A request without `formMs` (an integration's) is not timed. */
export function botSignal(signals: BotSignals): 'honeypot' | 'too_fast' | undefined {
  if (signals.website !== undefined && signals.website.trim() !== '') return 'honeypot';
  if (signals.formMs !== undefined && signals.formMs < MIN_FORM_MS) return 'too_fast';
  return undefined;
}

export interface DecoyPorts {
  config: Pick<AppConfig, 'manageTokenSecret'>;
  clock: Clock;
  therapists: Pick<TherapistRepository, 'loadConfiguration'>;
  settings: { get(): Promise<PracticeSettings> };
}

/**
 * The answer a bot gets (decision 128): what a real booking of that slot would have answered before
 * any email was confirmed, with nothing written and nothing sent. It passes the same checks a real
 * request fails first (unknown therapist or type: 404; wrong number of clients: 400), then answers
 * 201 with a booking of a fresh id, in the status the practice's settings give a new booking
 * (pending_verification where it verifies addresses), its hold, and signed tokens of the same shape.
 * What it cannot hide: the id names no stored booking, so opening it with its token is a 404.
 */
export async function decoyBooking(
  deps: DecoyPorts,
  request: { therapistId: string; sessionTypeId: string; start: string; timeZone: string; clients: Client[]; locale?: string },
): Promise<BookingResult> {
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(request.therapistId), deps.settings.get()]);
  const { schedule, sessionType } = bookable(configuration, request.sessionTypeId);
  const now = deps.clock.now();
  const start = new Date(request.start);
  if (start.getTime() % 60_000 !== 0) throw validationFailed('Times are whole minutes.', [{ path: 'start', message: 'must be a whole minute' }]);
  if (start.getTime() <= now.getTime()) throw slotUnavailable('That time has already passed. Please choose a slot from the current availability.');
  if (!schedule) throw slotUnavailable('This therapist has no bookable hours yet.');
  const expected = CLIENTS_PER_KIND[sessionType.kind];
  if (request.clients.length !== expected) {
    throw validationFailed(`A ${sessionType.kind} session takes exactly ${expected} client${expected > 1 ? 's' : ''}.`, [
      { path: 'clients', message: `must have exactly ${expected} entr${expected > 1 ? 'ies' : 'y'} for this session type` },
    ]);
  }
  const end = new Date(start.getTime() + sessionType.durationMinutes * 60_000);
  const verifying = settings.verifyClientEmail === 'always';
  const status: Pick<Booking, 'status' | 'holdUntil'> = verifying
    ? { status: 'pending_verification', holdUntil: holdEnd(now, settings.verificationMinutes, start.toISOString()) }
    : sessionType.approval === 'always'
      ? { status: 'requested', holdUntil: holdEnd(now, settings.requestHoldHours * 60, start.toISOString()) }
      : { status: 'confirmed' };
  const id = randomUUID();
  const booking = newBookingRecord({
    id,
    status: { ...status, ...(verifying ? { verified: request.clients.map(() => false), provisionalTokens: true } : {}) },
    therapistId: request.therapistId,
    sessionTypeId: sessionType.id,
    start,
    end,
    blockedUntil: end,
    timeZone: request.timeZone,
    therapistTimeZone: schedule.timeZone,
    ledgerDates: [],
    clients: request.clients,
    ...(request.locale ? { locale: request.locale } : {}),
    now,
  });
  const issue = verifying ? issueProvisionalManageToken : issueClientManageToken;
  const manageTokens = booking.clients.map((_, i) => issue(deps.config.manageTokenSecret, id, i));
  return { booking, manageToken: manageTokens[0]!, manageTokens };
}
