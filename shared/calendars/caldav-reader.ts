import { calendarQuery } from 'tsdav';
import { CalendarReadError, type BusyReader } from './calendar-source';
import { davStatusMessage, guardedFetchFor } from './caldav-http';
import type { SafeFetchOptions } from './safe-fetch';
import { isOwnBookingEvent } from './caldav-writer';
import { busyFromIcs } from './ics-busy';

/** iCalendar UTC form of an instant, as CalDAV's time-range wants it. */
export function icalUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The busy time of a CalDAV calendar over [from, to): one calendar-query REPORT with a time-range
 * filter on VEVENTs, asking for each matching object's calendar-data, with Basic auth and the app
 * password. Servers differ in what they return for a recurring event (Radicale 3.1 returns the
 * whole object, master and overrides, unexpanded), so each object goes through busyFromIcs, which
 * expands it over the range and drops transparent and cancelled events like an ICS feed's.
 *
 * Events this app wrote back (a booking) are skipped: the booking itself already blocks its time,
 * and reading it back would block its own reschedule and keep a cancelled time busy until the next
 * sync (decision 101).
 */
export const calDavReader = ({ allowLoopbackHttp }: Pick<SafeFetchOptions, 'allowLoopbackHttp'>): BusyReader => async (source, range) => {
  if (!source.username || source.password === undefined) throw new CalendarReadError('This calendar needs a username and an app password');
  const guarded = guardedFetchFor({ username: source.username, password: source.password, allowLoopbackHttp });
  // tsdav reports a refused request as a bare Error quoting the server's answer; the status seen here makes the plain message instead.
  let refusedWith: number | undefined;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await guarded(input, init);
    if (!response.ok) refusedWith = response.status;
    return response;
  };
  let responses: Awaited<ReturnType<typeof calendarQuery>>;
  try {
    responses = await calendarQuery({
      url: source.url,
      depth: '1',
      props: { 'd:getetag': {}, 'c:calendar-data': {} },
      filters: {
        'c:comp-filter': {
          _attributes: { name: 'VCALENDAR' },
          'c:comp-filter': {
            _attributes: { name: 'VEVENT' },
            'c:time-range': { _attributes: { start: icalUtc(range.from), end: icalUtc(range.to) } },
          },
        },
      },
      fetch,
    });
  } catch (error) {
    if (error instanceof CalendarReadError) throw error;
    throw new CalendarReadError(refusedWith ? davStatusMessage(refusedWith) : 'The calendar server sent an answer that could not be read');
  }
  const busy: Array<{ start: string; end: string }> = [];
  for (const response of responses) {
    const data = calendarDataOf(response.props?.calendarData);
    if (data === undefined) throw new CalendarReadError('The calendar server sent an event without its calendar data');
    if (isOwnBookingEvent(data)) continue;
    try {
      busy.push(...busyFromIcs(data, range));
    } catch (error) {
      if (error instanceof CalendarReadError) throw error;
      throw new CalendarReadError('The calendar server sent an event that could not be read');
    }
  }
  return busy.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
};

function calendarDataOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const text = (value as { _cdata?: unknown; _text?: unknown })._cdata ?? (value as { _text?: unknown })._text;
    if (typeof text === 'string') return text;
  }
  return undefined;
}
