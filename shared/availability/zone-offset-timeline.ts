import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { isIanaZone } from '../time/time-zone';
import { formatCalendarDay, MS_PER_DAY, type CalendarDay } from './calendar-day';

/**
 * An IANA zone whose UTC offsets over a span of time are looked up once, so that the thousands of slots
 * of a request can be dated and formatted, and their windows placed, without asking Intl for each: one
 * luxon offset lookup costs microseconds, and 60 days of 5-minute slots would spend the time budget on it.
 * It is a luxon Zone, so luxon still does all wall-clock resolution (DST gaps and overlaps) with it.
 *
 * The span is sampled every SAMPLE_STEP_MS and each change of offset is pinned down to the millisecond
 * by bisection. This assumes a zone never changes its offset twice, and back, within one step; no zone
 * has done so in modern tz data. Instants outside the span are asked of the IANA zone itself.
 */
const SAMPLE_STEP_MS = 6 * 3_600_000;
const MS_PER_MINUTE = 60_000;

/** Zones already validated: checking a name builds an Intl formatter, which costs more than a whole
 * small request. There are only a few hundred zone names, so this stays small. */
const validated = new Map<string, IANAZone>();

export function ianaZone(name: string): IANAZone {
  let zone = validated.get(name);
  if (!zone) {
    if (!isIanaZone(name)) throw new RangeError(`not an IANA time zone: ${name}`);
    zone = IANAZone.create(name);
    validated.set(name, zone);
  }
  return zone;
}

export class ZoneOffsetTimeline extends Zone<true> {
  /** Offset (minutes east of UTC) in force from changeAt[i] until changeAt[i + 1]. */
  private readonly changeAt: number[] = [];
  private readonly offsetMinutes: number[] = [];
  private lastSegment = 0;
  private formattedDay = Number.NaN;
  private formattedDate = '';
  private formattedOffset = Number.NaN;
  private formattedOffsetText = '';

  constructor(private readonly zone: IANAZone, private readonly from: number, private readonly to: number) {
    super();
    let at = from;
    let offset = zone.offset(at);
    this.changeAt.push(at);
    this.offsetMinutes.push(offset);
    while (at < to) {
      const next = Math.min(at + SAMPLE_STEP_MS, to);
      const nextOffset = zone.offset(next);
      if (nextOffset !== offset) {
        let before = at;
        let after = next;
        while (after - before > 1) {
          const middle = Math.floor((before + after) / 2);
          if (zone.offset(middle) === offset) before = middle;
          else after = middle;
        }
        this.changeAt.push(after);
        this.offsetMinutes.push(nextOffset);
        offset = nextOffset;
      }
      at = next;
    }
  }

  override get type(): string {
    return 'iana-timeline';
  }

  override get name(): string {
    return this.zone.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): true {
    return true;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string {
    return this.zone.offsetName(ts, options) ?? '';
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.zone.formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return (other instanceof ZoneOffsetTimeline || other instanceof IANAZone) && other.name === this.name;
  }

  override offset(ms: number): number {
    if (ms < this.from || ms > this.to) return this.zone.offset(ms);
    // Slots are asked for in ascending order, so the segment of the previous answer usually holds this one.
    const hint = this.lastSegment;
    if (this.changeAt[hint]! <= ms && (hint + 1 === this.changeAt.length || ms < this.changeAt[hint + 1]!)) {
      return this.offsetMinutes[hint]!;
    }
    let low = 0;
    let high = this.changeAt.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.changeAt[middle]! <= ms) low = middle;
      else high = middle - 1;
    }
    this.lastSegment = low;
    return this.offsetMinutes[low]!;
  }

  /** The calendar date the zone's wall clock shows at `ms`. */
  localDayAt(ms: number): CalendarDay {
    return Math.floor((ms + this.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** `2026-03-08T09:00:00-04:00`: what luxon's toISO({ suppressMilliseconds: true }) prints, except
   * that a zero offset is always `+00:00` (luxon prints `Z` for UTC but `+00:00` for London).
   * Built by arithmetic rather than through luxon or Date, with the date and offset text of the previous
   * call reused: a long slot list is formatted twice per slot. */
  formatIso(ms: number): string {
    const offset = this.offset(ms);
    const local = ms + offset * MS_PER_MINUTE;
    const day = Math.floor(local / MS_PER_DAY);
    if (day !== this.formattedDay) {
      this.formattedDay = day;
      this.formattedDate = formatCalendarDay(day);
    }
    if (offset !== this.formattedOffset) {
      const absolute = Math.abs(offset);
      this.formattedOffset = offset;
      this.formattedOffsetText = `${offset < 0 ? '-' : '+'}${pad(Math.floor(absolute / 60), 2)}:${pad(absolute % 60, 2)}`;
    }
    const msOfDay = local - day * MS_PER_DAY;
    const milliseconds = msOfDay % 1000;
    const seconds = Math.floor(msOfDay / 1000);
    return (
      `${this.formattedDate}T${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}` +
      (milliseconds === 0 ? '' : `.${pad(milliseconds, 3)}`) +
      this.formattedOffsetText
    );
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
