import { DateTime } from 'luxon';
import type { MessageWording } from './message-wording';

/**
 * How an appointment's time reads in an email: in the reader's zone, with the zone name and the
 * UTC offset in force, so a time on a DST change day is never ambiguous ("01:30 (America/New_York, GMT-5)").
 */

function inZone(iso: string, zone: string, wording: MessageWording): DateTime {
  const utc = DateTime.fromISO(iso, { zone: 'utc' });
  if (!utc.isValid) throw new RangeError(`not an ISO instant: ${iso}`);
  const local = utc.setZone(zone);
  // An unknown zone should never reach here (bookings validate it); if one does, say UTC rather than fail to send.
  return (local.isValid ? local : utc).setLocale(wording.locale);
}

function zoneName(dt: DateTime): string {
  return dt.zoneName ?? 'UTC';
}

/** "GMT+1", "GMT-5", "GMT+5:30"; "GMT" at offset zero. */
export function offsetLabel(dt: DateTime): string {
  return dt.offset === 0 ? 'GMT' : `GMT${dt.toFormat('Z')}`;
}

/**
 * "Wednesday, 2 December 2026, 15:00–15:50 (Europe/Berlin, GMT+1)". When the end falls on another
 * date or at another offset (a session across midnight or across a DST change), both ends are written
 * out: "Sunday, 1 November 2026, 01:30 GMT-4 – Sunday, 1 November 2026, 01:20 GMT-5 (America/New_York)".
 */
export function formatTimeRange(startIso: string, endIso: string, zone: string, wording: MessageWording): string {
  const start = inZone(startIso, zone, wording);
  const end = inZone(endIso, zone, wording);
  const date = start.toFormat(wording.dateFormat);
  const endDate = end.toFormat(wording.dateFormat);
  const from = start.toFormat(wording.timeFormat);
  const to = end.toFormat(wording.timeFormat);
  if (date === endDate && start.offset === end.offset) {
    return `${date}, ${from}–${to} (${zoneName(start)}, ${offsetLabel(start)})`;
  }
  return `${date}, ${from} ${offsetLabel(start)} – ${endDate}, ${to} ${offsetLabel(end)} (${zoneName(start)})`;
}

/** "Tuesday, 1 December 2026, 15:00 (Europe/Berlin, GMT+1)". */
export function formatInstant(iso: string, zone: string, wording: MessageWording): string {
  const at = inZone(iso, zone, wording);
  return `${at.toFormat(wording.dateFormat)}, ${at.toFormat(wording.timeFormat)} (${zoneName(at)}, ${offsetLabel(at)})`;
}

/** Whole minutes between two instants. */
export function durationMinutes(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
}
