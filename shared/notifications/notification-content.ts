import type { Booking, Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType, Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';
import { durationMinutes, formatInstant, formatTimeRange } from './appointment-time';
import { buildCalendarInvitation } from './calendar-invitation';
import { renderEmail, type DetailRow, type EmailBlock } from './email-layout';
import { clientEmailLocale, htmlLang, therapistEmailLocale } from './email-locale';
import { EN_WORDING, type MessageWording } from './message-wording';
import { firstName } from './person-name';

/*
 * The booking emails. Privacy rules (the practice's clients are in sex and couples therapy):
 * - subjects are fixed and say nothing but "Appointment …";
 * - no session-type name (nor description) unless `settings.emailsNameSessionType`, and even then
 *   never in a subject or a calendar SUMMARY, which show on lock screens and shared calendars;
 * - never the booking's `note` or `cancelReason`, in any email, to anyone;
 * - a client's email names only that client: never the other partner's name or address, and its
 *   `.ics` has that client as the one ATTENDEE;
 * - the therapist's email names clients by first name only: no last names, addresses or phones.
 */

export type BookingMessageKind = 'confirmation' | 'reschedule' | 'cancellation' | 'reminder';

/** Where the session happens, when the caller knows more than the session type's modality. */
export interface PlaceDetails {
  /** For in-person sessions: the practice's address or room. */
  location?: string;
  /** For telehealth sessions: the video link. */
  videoUrl?: string;
}

/** Options every composer accepts. */
export interface CompositionOptions {
  /** The DTSTAMP of the calendar part; defaults to the current time. */
  now?: Date;
  /** The text table; defaults to English. */
  wording?: MessageWording;
}

export interface ClientMessageInput extends PlaceDetails, CompositionOptions {
  kind: BookingMessageKind;
  /** The booking as the message describes it (times, status, sequence). */
  booking: Booking;
  recipient: Client;
  therapist: Pick<Therapist, 'displayName'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  /** The client's manage link (reschedule / cancel). */
  manageUrl: string;
  /** For a reschedule: where the session was before. */
  previousStart?: string;
}

export interface TherapistMessageInput extends PlaceDetails, CompositionOptions {
  kind: Exclude<BookingMessageKind, 'reminder'>;
  booking: Booking;
  therapist: Pick<Therapist, 'displayName' | 'email' | 'timeZone'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  previousStart?: string;
}

type Modality = SessionType['modality'];

export function modalityOf(sessionType: SessionType | undefined, place: PlaceDetails): Modality | undefined {
  if (sessionType) return sessionType.modality;
  if (place.videoUrl) return 'telehealth';
  if (place.location) return 'in_person';
  return undefined;
}

/** The session type's name, only when the practice has opted in to naming it. */
export function namedSessionType(settings: PracticeSettings, sessionType: SessionType | undefined): string | undefined {
  return settings.emailsNameSessionType && sessionType ? sessionType.name : undefined;
}

export function placeRows(modality: Modality | undefined, place: PlaceDetails, w: MessageWording): DetailRow[] {
  if (modality === 'telehealth') {
    const rows: DetailRow[] = [{ label: w.labels.place, value: w.place.video }];
    if (place.videoUrl) rows.push({ label: w.labels.videoLink, value: place.videoUrl, href: place.videoUrl });
    return rows;
  }
  if (modality === 'in_person') {
    return [{ label: w.labels.place, value: place.location ? w.place.inPersonAt(place.location) : w.place.inPerson }];
  }
  return [];
}

function calendarLocation(modality: Modality | undefined, place: PlaceDetails, w: MessageWording): string | undefined {
  if (modality === 'telehealth') return place.videoUrl ? w.calendar.videoCallAt(place.videoUrl) : w.calendar.videoCall;
  if (modality === 'in_person') return place.location;
  return undefined;
}

function cancellationPolicy(settings: PracticeSettings, w: MessageWording): string {
  return settings.cancellationPolicy || w.generatedPolicy(settings.lateCancellationHours, settings.lateCancellationMode);
}

/** The practice's public contact details as the last block of an email; nothing when it has none. */
export function contactFooter(settings: Pick<PracticeSettings, 'contact'>, w: MessageWording): EmailBlock[] {
  const { phone, email } = settings.contact ?? {};
  if (!phone && !email) return [];
  return [{
    type: 'contact',
    intro: w.contact.intro,
    ...(phone ? { phone: { label: w.contact.phone, value: phone } } : {}),
    ...(email ? { email: { label: w.contact.email, value: email } } : {}),
  }];
}

export function sender(settings: PracticeSettings): OutgoingEmail['from'] {
  return { name: settings.senderName, address: settings.senderEmail };
}

/**
 * The email to ONE client of a booking (each partner of a couples session gets their own).
 * Confirmations and reschedules carry an iTIP REQUEST, cancellations a CANCEL. Reminders carry no
 * calendar part: the entry is already in the client's calendar from the confirmation, and a repeated
 * REQUEST would only make calendar apps announce an "updated invitation" for nothing.
 */
export function composeClientEmail(input: ClientMessageInput): OutgoingEmail {
  const w = input.wording ?? EN_WORDING;
  const { kind, booking, recipient, settings } = input;
  const zone = booking.timeZone;
  const cancelled = kind === 'cancellation';
  const sessionName = namedSessionType(settings, input.sessionType);
  const modality = modalityOf(input.sessionType, input);
  const locale = clientEmailLocale(booking.locale, settings);

  const rows: DetailRow[] = [{ label: w.labels.when, value: formatTimeRange(booking.start, booking.end, zone, locale) }];
  if (kind === 'reschedule' && input.previousStart) {
    rows.push({ label: w.labels.previously, value: formatInstant(input.previousStart, zone, locale) });
  }
  rows.push({ label: w.labels.duration, value: w.minutes(durationMinutes(booking.start, booking.end)) });
  if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
  rows.push({ label: w.labels.with, value: input.therapist.displayName });
  if (!cancelled) rows.push(...placeRows(modality, input, w));

  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: w.greeting(firstName(recipient.name)) },
    { type: 'paragraph', text: w.clientIntro[kind] },
    { type: 'details', rows },
  ];
  if (cancelled) {
    if (booking.lateCancellation) {
      blocks.push({ type: 'paragraph', text: w.clientLateCancellation(settings.lateCancellationHours) });
    }
    blocks.push({ type: 'paragraph', text: w.bookAgain });
  } else {
    blocks.push({ type: 'button', intro: w.manageIntro, text: w.manageLinkText, href: input.manageUrl });
    blocks.push({ type: 'paragraph', text: `${w.labels.cancellationPolicy}: ${cancellationPolicy(settings, w)}` });
  }
  blocks.push({ type: 'signoff', lines: [w.signOff, settings.practiceName] }, ...contactFooter(settings, w));

  const subject = w.clientSubjects[kind];
  const email: OutgoingEmail = {
    from: sender(settings),
    to: recipient.email,
    subject,
    ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }),
  };
  if (kind === 'reminder') return email;

  const description = [cancelled ? w.calendar.description.cancelled : w.calendar.description.active];
  if (sessionName) description.push(w.calendar.sessionLine(sessionName));
  if (!cancelled) description.push(w.calendar.manageLine(input.manageUrl));
  email.calendar = buildCalendarInvitation({
    method: cancelled ? 'CANCEL' : 'REQUEST',
    bookingId: booking.id,
    sequence: booking.sequence,
    start: booking.start,
    end: booking.end,
    stamp: input.now ?? new Date(),
    summary: w.calendar.summaryWith(input.therapist.displayName),
    description: description.join('\n'),
    location: calendarLocation(modality, input, w),
    url: cancelled ? undefined : input.manageUrl,
    organizer: { name: settings.senderName, email: settings.senderEmail },
    attendee: { name: recipient.name, email: recipient.email },
  });
  return email;
}

/**
 * The therapist's notification: clients by first name, the time in the therapist's zone, and for a
 * late cancellation a line saying so. No calendar part (it would have to name the clients' addresses
 * as attendees); the therapist's calendar is the dashboard. Never the note, nor the cancel reason,
 * which the therapist reads behind sign-in rather than in a mailbox.
 */
export function composeTherapistEmail(input: TherapistMessageInput): OutgoingEmail {
  const w = input.wording ?? EN_WORDING;
  const { kind, booking, therapist, settings } = input;
  const zone = therapist.timeZone;
  const sessionName = namedSessionType(settings, input.sessionType);
  const names = booking.clients.map((client) => firstName(client.name)).filter((name): name is string => !!name);
  const locale = therapistEmailLocale(settings);

  const rows: DetailRow[] = [];
  if (names.length > 0) rows.push({ label: w.labels.clients(names.length), value: w.joinNames(names) });
  if (kind === 'cancellation' || kind === 'reschedule') {
    const actor = actingClient(kind, booking, w);
    if (actor) rows.push({ label: w.labels.actedBy[kind], value: actor });
  }
  rows.push({ label: w.labels.when, value: formatTimeRange(booking.start, booking.end, zone, locale) });
  if (kind === 'reschedule' && input.previousStart) {
    rows.push({ label: w.labels.previously, value: formatInstant(input.previousStart, zone, locale) });
  }
  rows.push({ label: w.labels.duration, value: w.minutes(durationMinutes(booking.start, booking.end)) });
  if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
  if (kind !== 'cancellation') rows.push(...placeRows(modalityOf(input.sessionType, input), input, w));

  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: w.therapistIntro[kind] },
    { type: 'details', rows },
  ];
  if (kind === 'cancellation' && booking.lateCancellation) {
    blocks.push({ type: 'paragraph', text: w.therapistLateCancellation(settings.lateCancellationHours) });
  }
  blocks.push({ type: 'signoff', lines: [w.therapistFooter(settings.practiceName)] }, ...contactFooter(settings, w));

  const subject = w.therapistSubjects[kind];
  return {
    from: sender(settings),
    to: therapist.email,
    subject,
    ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }),
  };
}

/**
 * The first name of the client who cancelled or moved the booking, for the therapist; "one of the
 * clients" when an old link both partners shared was used. Nothing when the therapist acted.
 */
function actingClient(kind: 'cancellation' | 'reschedule', booking: Booking, w: MessageWording): string | undefined {
  const [by, index] = kind === 'cancellation' ? [booking.cancelledBy, booking.cancelledByClient] : [booking.rescheduledBy, booking.rescheduledByClient];
  if (by !== 'client') return undefined;
  const client = index === undefined ? undefined : booking.clients[index];
  return (client && firstName(client.name)) || w.aClient;
}
