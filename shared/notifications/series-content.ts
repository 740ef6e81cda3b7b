import type { Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType, Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';
import type { Series } from '../series/series';
import { isOpenEnded } from '../series/series';
import { durationMinutes } from './appointment-time';
import { renderEmail, type DetailRow, type EmailBlock } from './email-layout';
import { clientEmailLocale, htmlLang, therapistEmailLocale } from './email-locale';
import { EN_WORDING } from './message-wording';
import { contactFooter } from './notification-content';
import { firstName } from './person-name';
import { bookedOccurrences, buildSeriesCancellation, buildSeriesInvitation } from './series-calendar';
import { clockChangeNote, dateInZone, ruleInWords, SERIES_WORDING } from './series-wording';

/*
 * The emails about a whole standing appointment. The discretion rules of notification-content.ts
 * hold unchanged: fixed subjects saying "Appointments …"; no session-type name unless the practice
 * opted in (never in a subject or SUMMARY); never the note; a client's email names only that client,
 * its .ics has that client as the one ATTENDEE; the therapist's names clients by first name.
 */

/** How many dates a confirmation lists before "and N more". */
export const FIRST_DATES = 6;

export type SeriesMessageKind = 'created' | 'ended';

export interface SeriesClientMessageInput {
  kind: SeriesMessageKind;
  series: Series;
  recipient: Client;
  therapist: Pick<Therapist, 'displayName'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  manageUrl: string;
  /** For `ended`: the last occurrence index kept (none: the whole series is cancelled). */
  keptThrough?: number;
  location?: string;
  videoUrl?: string;
  now?: Date;
}

const w = EN_WORDING;
const sw = SERIES_WORDING;

function sessionNameOf(settings: PracticeSettings, sessionType: SessionType | undefined): string | undefined {
  return settings.emailsNameSessionType && sessionType ? sessionType.name : undefined;
}

function dateList(series: Series, zone: string, limit: number, locale: string): string {
  const booked = bookedOccurrences(series);
  const shown = booked.slice(0, limit).map((o) => dateInZone(o.start, zone, locale));
  if (booked.length > limit) shown.push(sw.moreDates(booked.length - limit));
  return shown.join('; ');
}

function skippedList(series: Series, zone: string, locale: string): string | undefined {
  const skipped = series.occurrences.filter((o) => o.status === 'skipped').sort((a, b) => a.index - b.index);
  return skipped.length ? skipped.map((o) => dateInZone(o.start, zone, locale)).join('; ') : undefined;
}

function placeRow(sessionType: SessionType | undefined, input: { location?: string; videoUrl?: string }): DetailRow[] {
  const modality = sessionType?.modality ?? (input.videoUrl ? 'telehealth' : input.location ? 'in_person' : undefined);
  if (modality === 'telehealth') return [{ label: w.labels.place, value: w.place.video }, ...(input.videoUrl ? [{ label: w.labels.videoLink, value: input.videoUrl, href: input.videoUrl }] : [])];
  if (modality === 'in_person') return [{ label: w.labels.place, value: input.location ? w.place.inPersonAt(input.location) : w.place.inPerson }];
  return [];
}

function calendarLocation(sessionType: SessionType | undefined, input: { location?: string; videoUrl?: string }): string | undefined {
  const modality = sessionType?.modality ?? (input.videoUrl ? 'telehealth' : input.location ? 'in_person' : undefined);
  if (modality === 'telehealth') return input.videoUrl ? w.calendar.videoCallAt(input.videoUrl) : w.calendar.videoCall;
  if (modality === 'in_person') return input.location;
  return undefined;
}

/** The index of the first booked occurrence after `keptThrough`, for "cancelled from <date> on". */
function firstEnded(series: Series, keptThrough: number | undefined) {
  return series.occurrences.filter((o) => o.index > (keptThrough ?? -1)).sort((a, b) => a.index - b.index)[0];
}

/** The email to ONE client about the whole series: its confirmation, or its end. */
export function composeSeriesClientEmail(input: SeriesClientMessageInput): OutgoingEmail {
  const { kind, series, recipient, settings } = input;
  const zone = series.timeZone;
  const sessionName = sessionNameOf(settings, input.sessionType);
  const first = bookedOccurrences(series)[0] ?? series.occurrences[0];
  const whole = kind === 'ended' && input.keptThrough === undefined;
  const locale = clientEmailLocale(series.locale, settings);

  const rows: DetailRow[] = [{ label: sw.labels.rule, value: ruleInWords(series, locale) }];
  if (kind === 'created') {
    rows.push({ label: sw.labels.firstDates, value: dateList(series, zone, FIRST_DATES, locale) });
    const skipped = skippedList(series, zone, locale);
    if (skipped) rows.push({ label: sw.labels.skipped, value: skipped });
  } else if (!whole) {
    const kept = bookedOccurrences(series).filter((o) => o.index <= input.keptThrough!).at(-1);
    if (kept) rows.push({ label: sw.labels.last, value: dateInZone(kept.start, zone, locale) });
  }
  if (first) rows.push({ label: w.labels.duration, value: w.minutes(durationMinutes(first.start, first.end)) });
  if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
  rows.push({ label: w.labels.with, value: input.therapist.displayName });
  if (kind === 'created') rows.push(...placeRow(input.sessionType, input));

  const ended = firstEnded(series, input.keptThrough);
  const intro = kind === 'created' ? sw.clientIntro.created : whole || !ended ? sw.clientIntro.endedAll : sw.clientIntro.endedFrom(dateInZone(ended.start, zone, locale));
  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: w.greeting(firstName(recipient.name)) },
    { type: 'paragraph', text: intro },
    { type: 'details', rows },
  ];
  if (kind === 'created') {
    if (isOpenEnded(series)) blocks.push({ type: 'paragraph', text: sw.openEnded });
    const note = clockChangeNote(series, locale);
    if (note) blocks.push({ type: 'paragraph', text: note });
    if (series.occurrences.some((o) => o.status === 'skipped')) blocks.push({ type: 'paragraph', text: sw.skippedLine });
    blocks.push({ type: 'button', intro: w.manageIntro, text: w.manageLinkText, href: input.manageUrl });
    blocks.push({ type: 'paragraph', text: `${w.labels.cancellationPolicy}: ${settings.cancellationPolicy || w.generatedPolicy(settings.lateCancellationHours, settings.lateCancellationMode)}` });
  } else {
    blocks.push({ type: 'paragraph', text: w.bookAgain });
  }
  blocks.push({ type: 'signoff', lines: [w.signOff, settings.practiceName] }, ...contactFooter(settings, w));

  const subject = sw.clientSubjects[kind];
  const email: OutgoingEmail = {
    from: { name: settings.senderName, address: settings.senderEmail },
    to: recipient.email,
    subject,
    ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }),
  };
  const cancelled = kind === 'ended';
  const description = [cancelled ? sw.calendarDescription.cancelled : sw.calendarDescription.active];
  if (sessionName) description.push(w.calendar.sessionLine(sessionName));
  if (!whole) description.push(w.calendar.manageLine(input.manageUrl));
  const message = {
    stamp: input.now ?? new Date(),
    summary: w.calendar.summaryWith(input.therapist.displayName),
    description: description.join('\n'),
    ...(calendarLocation(input.sessionType, input) ? { location: calendarLocation(input.sessionType, input)! } : {}),
    ...(whole ? {} : { url: input.manageUrl }),
    organizer: { name: settings.senderName, email: settings.senderEmail },
    attendee: { name: recipient.name, email: recipient.email },
  };
  // Ended part-way: the series' event again, its rule cut after the last date kept (decision 63).
  email.calendar = whole
    ? buildSeriesCancellation(series, message)
    : buildSeriesInvitation(series, message, kind === 'ended' ? { through: input.keptThrough! } : {});
  return email;
}

export interface SeriesTherapistMessageInput {
  kind: SeriesMessageKind;
  series: Series;
  therapist: Pick<Therapist, 'displayName' | 'email' | 'timeZone'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  keptThrough?: number;
}

/** The therapist's email: clients by first name, dates in the therapist's zone, the skipped weeks. No calendar part (as for bookings). */
export function composeSeriesTherapistEmail(input: SeriesTherapistMessageInput): OutgoingEmail {
  const { kind, series, therapist, settings } = input;
  const zone = therapist.timeZone;
  const names = series.clients.map((c) => firstName(c.name)).filter((n): n is string => !!n);
  const locale = therapistEmailLocale(settings);
  const rows: DetailRow[] = [];
  if (names.length) rows.push({ label: w.labels.clients(names.length), value: w.joinNames(names) });
  rows.push({ label: sw.labels.rule, value: ruleInWords(series, locale) });
  if (kind === 'created') {
    rows.push({ label: sw.labels.firstDates, value: dateList(series, zone, FIRST_DATES, locale) });
    const skipped = skippedList(series, zone, locale);
    if (skipped) rows.push({ label: sw.labels.skipped, value: skipped });
  } else {
    const ended = firstEnded(series, input.keptThrough);
    if (ended) rows.push({ label: sw.labels.endedFrom, value: dateInZone(ended.start, zone, locale) });
  }
  const sessionName = sessionNameOf(settings, input.sessionType);
  if (sessionName) rows.push({ label: w.labels.session, value: sessionName });
  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: sw.therapistIntro[kind] },
    { type: 'details', rows },
    { type: 'signoff', lines: [w.therapistFooter(settings.practiceName)] },
    ...contactFooter(settings, w),
  ];
  const subject = sw.therapistSubjects[kind];
  return { from: { name: settings.senderName, address: settings.senderEmail }, to: therapist.email, subject, ...renderEmail({ title: subject, lang: htmlLang(locale), blocks }) };
}
