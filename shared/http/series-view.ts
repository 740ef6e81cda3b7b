import { DateTime } from 'luxon';
import type { Client } from '../domain/booking';
import type { Series } from '../series/series';
import { firstName } from '../notifications/person-name';

/**
 * Presents a series as the contract's Series: occurrence times in the series' (the client's) zone
 * with their offset, as a booking's are, so a client sees the same time in the series and in each
 * occurrence's booking. The rule's wall clock is the therapist's: across a DST change that the
 * client's zone does not share, the client sees the time move; the offset in each time says so.
 */
export function seriesView(series: Series) {
  const local = (iso: string) => DateTime.fromISO(iso, { zone: series.timeZone }).toISO({ suppressMilliseconds: true })!;
  return {
    id: series.id,
    therapistId: series.therapistId,
    sessionTypeId: series.sessionTypeId,
    everyWeeks: series.everyWeeks,
    ...(series.count !== undefined ? { count: series.count } : {}),
    ...(series.until !== undefined ? { until: series.until } : {}),
    status: series.status,
    timeZone: series.timeZone,
    clients: series.clients.map(clientDetails),
    occurrences: series.occurrences.map((o) => ({
      index: o.index,
      start: local(o.start),
      end: local(o.end),
      ...(o.bookingId ? { bookingId: o.bookingId } : {}),
      status: o.status,
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.placed ? { placed: true as const } : {}),
    })),
  };
}

function clientDetails(client: Client) {
  return { name: client.name, email: client.email, ...(client.phone ? { phone: client.phone } : {}) };
}

/**
 * What one client sees through a manage link of the series: their own name, email and phone, and a
 * partner by first name only (as for a booking); `holder` undefined shows everyone by first name.
 */
export function seriesViewForClient(series: Series, holder: number | undefined) {
  return {
    ...seriesView(series),
    clients: series.clients.map((client, i) => (i === holder ? clientDetails(client) : { name: firstName(client.name) ?? '' })),
  };
}

/** The therapist's view: the contract's Series plus the note, the rule's zone and how far it is booked. */
export function seriesViewForTherapist(series: Series) {
  return {
    ...seriesView(series),
    ...(series.note ? { note: series.note } : {}),
    therapistTimeZone: series.therapistTimeZone,
    plannedThrough: series.plannedThrough,
    createdBy: series.createdBy,
    createdAt: series.createdAt,
    updatedAt: series.updatedAt,
  };
}

/** A time presented in the series' zone (the occurrences a reschedule could not move). */
export function seriesLocalTime(series: Pick<Series, 'timeZone'>, iso: string): string {
  return DateTime.fromISO(iso, { zone: series.timeZone }).toISO({ suppressMilliseconds: true })!;
}
