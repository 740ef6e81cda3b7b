import type { Booking, Practice, SessionType } from './api-client';
import { h } from './dom';
import { downloadIcs, type CalendarEvent } from './ics-file';
import { fromPractice } from './practice-details';
import { placeText } from './session-label';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * What goes into a calendar about one booking, in discreet words only: "Appointment", never the
 * therapist, the session type or its kind. LOCATION is the address for in person (none when the
 * practice set none: "In person" is no place) and "Online" for video; the description says the
 * video link comes by email. The manage link (with the holder's token) goes only into the .ics
 * file, which stays on the client's device until they open it in a calendar of their choice.
 */
function calendarEvent(booking: Booking, type: SessionType | undefined, practice: Practice | undefined, token: string | undefined): CalendarEvent {
  const online = type?.modality === 'telehealth';
  const location = online ? strings.calendarOnline : type && practice?.address ? practice.address : undefined;
  // The page the client is on is the booking page; the fragment is the email links' own format.
  const url = token ? `${pageUrl()}#manage=${encodeURIComponent(booking.id)}&token=${encodeURIComponent(token)}` : undefined;
  const place = type && (online ? strings.calendarVideoNote : placeText(type, practice));
  return {
    bookingId: booking.id,
    start: booking.start,
    end: booking.end,
    summary: strings.calendarTitle,
    ...(location ? { location } : {}),
    description: [place, url ? strings.calendarManage(url) : strings.nextManage].filter(Boolean).join('\n'),
    ...(url ? { url } : {}),
  };
}

const pageUrl = () => location.origin + location.pathname + location.search;

/** The .ics download: the practice's details as they are when clicked (asked for long before). */
export function calendarButton(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, token: string | undefined, className = 'btn primary'): HTMLButtonElement {
  let practice: Practice | undefined;
  ctx.practice().then((p) => (practice = p), () => undefined);
  const button: HTMLButtonElement = h(
    'button',
    { type: 'button', class: className, onclick: () => downloadIcs(button.getRootNode(), calendarEvent(booking, type, practice, token)) },
    strings.addToCalendar,
  );
  return button;
}

const googleDate = (instant: string) => new Date(instant).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
const outlookDate = (instant: string) => new Date(instant).toISOString().replace(/\.\d{3}/, '');

/**
 * "Google Calendar" and "Outlook": plain links the client may open, built here and never fetched by
 * the widget (no request to either host unless the client follows one). They carry the same
 * discreet text as the .ics but not the manage link: its token would sit in the query of a request
 * to another company's server and in the browser's history, which the widget keeps it out of.
 */
export function calendarLinks(ctx: WidgetContext, booking: Booking, type: SessionType | undefined): HTMLElement {
  return fromPractice(ctx, 'span', { class: 'cal-links' }, (practice) => {
    const event = calendarEvent(booking, type, practice, undefined);
    const google = new URL('https://calendar.google.com/calendar/render');
    google.search = new URLSearchParams({ action: 'TEMPLATE', text: event.summary, dates: `${googleDate(event.start)}/${googleDate(event.end)}`, details: event.description!, ...(event.location ? { location: event.location } : {}) }).toString();
    const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
    outlook.search = new URLSearchParams({ subject: event.summary, startdt: outlookDate(event.start), enddt: outlookDate(event.end), body: event.description!, ...(event.location ? { location: event.location } : {}) }).toString();
    const link = (href: URL, name: string) =>
      h('a', { class: 'btn secondary', href: href.href, target: '_blank', rel: 'noopener noreferrer' }, name, h('span', { class: 'sr' }, ` ${strings.opensNewTab}`));
    return [link(google, strings.googleCalendar), link(outlook, strings.outlookCalendar)];
  });
}
