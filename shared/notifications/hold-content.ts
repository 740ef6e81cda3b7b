import type { Booking, Client, RuleRefusal } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType, Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';
import { durationMinutes, formatInstant, formatTimeRange } from './appointment-time';
import { renderEmail, type DetailRow, type EmailBlock } from './email-layout';
import { EN_WORDING, type MessageWording } from './message-wording';
import { contactFooter, modalityOf, namedSessionType, placeRows, sender, type CompositionOptions, type PlaceDetails } from './notification-content';
import { clientEmailLocale, htmlLang, therapistEmailLocale } from './email-locale';
import { firstName } from './person-name';

/*
 * The emails of held bookings (decision 84), under the same privacy rules as the booking emails
 * (notification-content.ts), and more for the verification email: it goes to an address nobody has
 * proven yet, perhaps typed in by someone else, so it says no more than the envelope already does
 * (the sender's name) and the requested time. No name (not even the one typed in), no
 * practitioner, no session type even when the practice opts in to naming it, no place, no manage
 * link, no calendar part, and its subject is fixed and carries no time. Its wording is the same
 * whether or not the address is a client's: nothing in it answers that question (the no-oracle rule).
 *
 * None of these emails carries a calendar part: nothing is in anyone's calendar until the booking is
 * confirmed, and its confirmation (the ordinary one, with its .ics) says so.
 */

export type HoldClientKind = 'verification' | 'request_received' | 'request_declined' | 'request_refused' | 'request_lapsed' | 'request_withdrawn';
export type HoldTherapistKind = 'new_request' | 'request_lapsed' | 'request_withdrawn';

export interface HoldClientInput extends PlaceDetails, CompositionOptions {
  kind: HoldClientKind;
  booking: Booking;
  recipient: Client;
  therapist: Pick<Therapist, 'displayName'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  /** The verification email's link (only for `verification`). */
  verifyUrl?: string;
  /** The client's manage link (only for `request_received`: to see or withdraw it). */
  manageUrl?: string;
  /** Which audience rule refused it (only for `request_refused`). */
  ruleRefusal?: RuleRefusal;
}

export interface HoldTherapistInput extends PlaceDetails, CompositionOptions {
  kind: HoldTherapistKind;
  booking: Booking;
  therapist: Pick<Therapist, 'displayName' | 'email' | 'timeZone'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  /** Where the therapist approves or declines (only for `new_request`). */
  consoleUrl?: string;
}

/** The email to ONE client of a held booking (each partner gets their own, naming only them). */
export function composeHoldClientEmail(input: HoldClientInput): OutgoingEmail {
  const w = input.wording ?? EN_WORDING;
  const h = w.holds;
  const { kind, booking, recipient, settings } = input;
  const zone = booking.timeZone;
  const locale = clientEmailLocale(booking.locale, settings);
  const when: DetailRow = { label: w.labels.when, value: formatTimeRange(booking.start, booking.end, zone, locale) };
  // The verification email greets no one by name: the name was typed by whoever made the request,
  // and an unproven address must not receive words of a stranger's choosing.
  const blocks: EmailBlock[] = [{ type: 'paragraph', text: w.greeting(kind === 'verification' ? undefined : firstName(recipient.name)) }];

  if (kind === 'verification') {
    if (!input.verifyUrl) throw new Error('a verification email needs its link');
    const rows = [when];
    if (booking.holdUntil) rows.push({ label: h.verification.confirmBy, value: formatInstant(booking.holdUntil, zone, locale) });
    blocks.push(
      { type: 'paragraph', text: h.verification.intro },
      { type: 'details', rows },
      { type: 'button', intro: h.verification.linkIntro, text: h.verification.linkText, href: input.verifyUrl },
      { type: 'paragraph', text: h.verification.notYou },
      // The name the From line shows anyway: not the practice's, which may say what kind of practice it is.
      { type: 'signoff', lines: [w.signOff, settings.senderName] },
    );
  } else {
    const rows: DetailRow[] = [when];
    if (kind === 'request_received') {
      rows.push({ label: w.labels.duration, value: w.minutes(durationMinutes(booking.start, booking.end)) });
      const sessionName = namedSessionType(settings, input.sessionType);
      if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
    }
    rows.push({ label: w.labels.with, value: input.therapist.displayName });
    if (kind === 'request_received') {
      rows.push(...placeRows(modalityOf(input.sessionType, input), input, w));
      if (booking.holdUntil) rows.push({ label: h.heldUntil, value: formatInstant(booking.holdUntil, zone, locale) });
    }
    blocks.push({ type: 'paragraph', text: clientIntro(input, w) }, { type: 'details', rows });
    if (kind === 'request_received') {
      if (!input.manageUrl) throw new Error('a request email needs the manage link');
      blocks.push({ type: 'button', intro: h.requestLinkIntro, text: h.requestLinkText, href: input.manageUrl });
    } else {
      blocks.push({ type: 'paragraph', text: kind === 'request_refused' ? h.otherTypes : w.bookAgain });
    }
    blocks.push({ type: 'signoff', lines: [w.signOff, settings.practiceName] });
  }
  // The verification email too: whoever did not make the request can ask the practice about it.
  blocks.push(...contactFooter(settings, w));

  const subject = h.clientSubjects[kind];
  return { from: sender(settings), to: recipient.email, subject, ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }) };
}

function clientIntro(input: HoldClientInput, w: MessageWording): string {
  const h = w.holds;
  switch (input.kind) {
    case 'request_received':
      return h.received(input.therapist.displayName);
    case 'request_refused':
      return h.refused[input.ruleRefusal ?? 'new_clients_only'](input.therapist.displayName);
    case 'verification':
      return h.verification.intro;
    default:
      return h.clientIntro[input.kind];
  }
}

/**
 * The therapist's email about a request: clients by first name only, the time in the therapist's
 * zone, and for a new one when it lapses and where to decide it. Never the note.
 */
export function composeHoldTherapistEmail(input: HoldTherapistInput): OutgoingEmail {
  const w = input.wording ?? EN_WORDING;
  const h = w.holds;
  const { kind, booking, therapist, settings } = input;
  const zone = therapist.timeZone;
  const names = booking.clients.map((client) => firstName(client.name)).filter((name): name is string => !!name);
  const locale = therapistEmailLocale(settings);

  const rows: DetailRow[] = [];
  if (names.length > 0) rows.push({ label: w.labels.clients(names.length), value: w.joinNames(names) });
  rows.push({ label: w.labels.when, value: formatTimeRange(booking.start, booking.end, zone, locale) });
  if (kind === 'new_request') {
    rows.push({ label: w.labels.duration, value: w.minutes(durationMinutes(booking.start, booking.end)) });
    const sessionName = namedSessionType(settings, input.sessionType);
    if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
    rows.push(...placeRows(modalityOf(input.sessionType, input), input, w));
    if (booking.holdUntil) rows.push({ label: h.decideBy, value: formatInstant(booking.holdUntil, zone, locale) });
  }
  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: h.therapistIntro[kind] },
    { type: 'details', rows },
  ];
  if (kind === 'new_request') {
    if (!input.consoleUrl) throw new Error('a new request email needs the console link');
    blocks.push({ type: 'link', intro: h.consoleIntro, text: h.consoleLinkText, href: input.consoleUrl });
  }
  blocks.push({ type: 'signoff', lines: [w.therapistFooter(settings.practiceName)] }, ...contactFooter(settings, w));
  const subject = h.therapistSubjects[kind];
  return { from: sender(settings), to: therapist.email, subject, ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }) };
}
