import type { Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType, Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';
import type { Occurrence, Series } from '../series/series';
import { renderEmail, type DetailRow } from './email-layout';
import { clientEmailLocale, htmlLang, therapistEmailLocale } from './email-locale';
import { EN_WORDING } from './message-wording';
import { contactFooter } from './notification-content';
import { firstName } from './person-name';
import { buildSeriesInvitation } from './series-calendar';
import { dateInZone, ruleInWords, SERIES_WORDING } from './series-wording';

/*
 * The emails about weeks of a series skipped after its confirmation (decision 71). Same discretion
 * rules as series-content.ts: a fixed neutral subject, no session-type name, no note; the client is
 * told only that the date will not take place (not "time off" or "already booked": those are the
 * therapist's affairs), the therapist gets the reasons so they can place each week by hand.
 */
const w = EN_WORDING;
const cw = SERIES_WORDING.change;

export interface SeriesChangeClientInput {
  series: Series;
  /** The occurrences this change skipped. */
  skipped: Occurrence[];
  recipient: Client;
  therapist: Pick<Therapist, 'displayName'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  manageUrl: string;
  now?: Date;
}

/** To ONE client: the date(s) that will not take place, and the series' event again (REQUEST, new EXDATE, new SEQUENCE, same UID). */
export function composeSeriesChangeClientEmail(input: SeriesChangeClientInput): OutgoingEmail {
  const { series, recipient, settings } = input;
  const locale = clientEmailLocale(series.locale, settings);
  const rows: DetailRow[] = [
    { label: cw.label, value: input.skipped.map((o) => dateInZone(o.start, series.timeZone, locale)).join('; ') },
    { label: SERIES_WORDING.labels.rule, value: ruleInWords(series, locale) },
    { label: w.labels.with, value: input.therapist.displayName },
  ];
  const subject = cw.clientSubject;
  const email: OutgoingEmail = {
    from: { name: settings.senderName, address: settings.senderEmail },
    to: recipient.email,
    subject,
    ...renderEmail({
      title: subject,
      lang: htmlLang(locale),
      blocks: [
        { type: 'paragraph', text: w.greeting(firstName(recipient.name)) },
        { type: 'paragraph', text: cw.clientIntro },
        { type: 'details', rows },
        { type: 'paragraph', text: cw.clientWhy },
        { type: 'button', intro: w.manageIntro, text: w.manageLinkText, href: input.manageUrl },
        { type: 'signoff', lines: [w.signOff, settings.practiceName] },
        ...contactFooter(settings, w),
      ],
    }),
  };
  const sessionName = settings.emailsNameSessionType && input.sessionType ? input.sessionType.name : undefined;
  const description = [SERIES_WORDING.calendarDescription.active, ...(sessionName ? [w.calendar.sessionLine(sessionName)] : []), w.calendar.manageLine(input.manageUrl)];
  email.calendar = buildSeriesInvitation(series, {
    stamp: input.now ?? new Date(),
    summary: w.calendar.summaryWith(input.therapist.displayName),
    description: description.join('\n'),
    url: input.manageUrl,
    organizer: { name: settings.senderName, email: settings.senderEmail },
    attendee: { name: recipient.name, email: recipient.email },
  }, {});
  return email;
}

export interface SeriesChangeTherapistInput {
  series: Series;
  skipped: Occurrence[];
  therapist: Pick<Therapist, 'displayName' | 'email' | 'timeZone'>;
  settings: PracticeSettings;
}

/** To the therapist: each newly skipped date in their zone with its reason, clients by first name. No calendar part. */
export function composeSeriesChangeTherapistEmail(input: SeriesChangeTherapistInput): OutgoingEmail {
  const { series, therapist, settings } = input;
  const names = series.clients.map((c) => firstName(c.name)).filter((n): n is string => !!n);
  const locale = therapistEmailLocale(settings);
  const rows: DetailRow[] = [];
  if (names.length) rows.push({ label: w.labels.clients(names.length), value: w.joinNames(names) });
  rows.push({ label: SERIES_WORDING.labels.rule, value: ruleInWords(series, locale) });
  for (const o of input.skipped) {
    const reason = cw.reasons[o.reason ?? ''] ?? cw.reasons.busy!;
    rows.push({ label: cw.therapistLabel, value: `${dateInZone(o.start, therapist.timeZone, locale)} (${reason})` });
  }
  const subject = cw.therapistSubject;
  return {
    from: { name: settings.senderName, address: settings.senderEmail },
    to: therapist.email,
    subject,
    ...renderEmail({
      title: subject,
      lang: htmlLang(locale),
      blocks: [
        { type: 'paragraph', text: cw.therapistIntro },
        { type: 'details', rows },
        { type: 'signoff', lines: [w.therapistFooter(settings.practiceName)] },
        ...contactFooter(settings, w),
      ],
    }),
  };
}
