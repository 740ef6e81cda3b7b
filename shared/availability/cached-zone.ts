import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { isIanaZone } from '../time/time-zone';
import { formatCalendarDay, MS_PER_DAY, type CalendarDay } from './calendar-day';

/**
 * An IANA zone that remembers its UTC offsets, so that the thousands of slots of a request can be dated and
 * formatted, and their windows placed, without asking Intl each time: one luxon offset lookup costs
 * microseconds, and 60 days of 5-minute slots would spend the time budget on it. It is a luxon Zone, so
 * luxon still does all wall-clock resolution (DST gaps and overlaps) with it. Use one per request.
 *
 * Time is cut into fixed buckets of BUCKET_MS from the epoch. A bucket's offsets are known from its two
 * ends; if they differ, the change is pinned down to the millisecond by bisection. This assumes a zone never
 * changes its offset twice, and back, within one bucket; no zone has done so in modern tz data.
 */
const BUCKET_MS = 6 * 3_600_000;
const MS_PER_MINUTE = 60_000;

/** Zones already validated: checking a name builds an Intl formatter, which costs more than a whole small
 * request. There are only a few hundred zone names, so this stays small. */
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

export class CachedZone extends Zone<true> {
  /** Offset (minutes east of UTC) at the start of bucket k, by k. */
  private readonly edges = new Map<number, number>();
  /** First instant of the later offset, for the buckets in which the offset changes. */
  private readonly changes = new Map<number, number>();
  // The bucket of the last lookup: slots are asked for in ascending order, so it usually holds the next one.
  private bucket = Number.NaN;
  private bucketChangeAt = 0;
  private offsetBefore = 0;
  private offsetAfter = 0;
  private formattedDay = Number.NaN;
  private formattedDate = '';
  private formattedOffset = Number.NaN;
  private formattedOffsetText = '';

  constructor(private readonly zone: IANAZone) {
    super();
  }

  override get type(): string {
    return 'cached-iana';
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
    return (other instanceof CachedZone || other instanceof IANAZone) && other.name === this.name;
  }

  override offset(ms: number): number {
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket !== this.bucket) this.enter(bucket);
    return ms < this.bucketChangeAt ? this.offsetBefore : this.offsetAfter;
  }

  /** The calendar date the zone's wall clock shows at `ms`. */
  localDayAt(ms: number): CalendarDay {
    return Math.floor((ms + this.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** `2026-03-08T09:00:00-04:00`: what luxon's toISO({ suppressMilliseconds: true }) prints, except that a
   * zero offset is always `+00:00` (luxon prints `Z` for UTC but `+00:00` for London in winter).
   * Built by arithmetic rather than through luxon or Date, reusing the date and offset text of the previous
   * call: a long slot list is formatted twice per slot. */
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

  private enter(bucket: number): void {
    this.bucket = bucket;
    this.offsetBefore = this.edge(bucket);
    this.offsetAfter = this.edge(bucket + 1);
    this.bucketChangeAt = this.offsetBefore === this.offsetAfter ? Number.POSITIVE_INFINITY : this.changeIn(bucket);
  }

  private edge(bucket: number): number {
    let offset = this.edges.get(bucket);
    if (offset === undefined) {
      offset = this.zone.offset(bucket * BUCKET_MS);
      this.edges.set(bucket, offset);
    }
    return offset;
  }

  private changeIn(bucket: number): number {
    let changeAt = this.changes.get(bucket);
    if (changeAt === undefined) {
      const before = this.edge(bucket);
      let low = bucket * BUCKET_MS; // still `before`
      let high = low + BUCKET_MS; // already the later offset
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.zone.offset(middle) === before) low = middle;
        else high = middle;
      }
      changeAt = high;
      this.changes.set(bucket, changeAt);
    }
    return changeAt;
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
