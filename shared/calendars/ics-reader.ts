import type { BusyReader } from './calendar-source';
import { CalendarReadError } from './calendar-source';
import { busyFromIcs } from './ics-busy';
import { safeFetch, type SafeFetchOptions } from './safe-fetch';

/**
 * The reader of an ICS subscription: the feed fetched through safeFetch (the URL is the
 * therapist's, so every network refusal applies) and its busy time read by busyFromIcs. An
 * answer other than 2xx is a CalendarReadError in words a therapist can act on.
 */
export function icsReader(options: Pick<SafeFetchOptions, 'allowLoopbackHttp' | 'resolve'>): BusyReader {
  return async (source, range) => {
    const answer = await safeFetch(source.url, {
      ...options,
      headers: { accept: 'text/calendar, text/plain;q=0.9, */*;q=0.5', 'user-agent': 'discreet-booking calendar sync' },
    });
    if (answer.status < 200 || answer.status > 299) throw new CalendarReadError(statusMessage(answer.status));
    return busyFromIcs(answer.text, range);
  };
}

function statusMessage(status: number): string {
  if (status === 401 || status === 403) return 'The calendar address refused access: it may have been reset. Copy the address again from the calendar.';
  if (status === 404 || status === 410) return 'The calendar address was not found: it may have been reset or the calendar deleted.';
  if (status === 429) return 'The calendar server asked to be called less often; it will be tried again later.';
  if (status >= 500) return `The calendar server had a problem (HTTP ${status}); it will be tried again later.`;
  if (status >= 300 && status < 400) return 'The calendar address redirected without saying where to.';
  return `The calendar address answered HTTP ${status} instead of a calendar.`;
}
