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
 *
 * What is learnt about a zone's buckets is kept for the whole process (ZoneOffsets): tz data does not change
 * while it runs, and a request for 62 days touches some 270 buckets, whose first lookups were most of its
 * time when each request started afresh.
 */
const BUCKET_MS = 6 * 3_600_000;
const MS_PER_MINUTE = 60_000;
/** A process that has seen this many buckets of one zone (about 40 years of them) starts that zone over. */
const MAX_BUCKETS_PER_ZONE = 60_000;

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

/** `GMT`, `GMT+05:45`, `GMT-03:30` at the end of a `longOffset` rendering; an offset with seconds (local mean
 * time, before 1900 or so) does not match and is left to luxon. */
const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/**
 * The offset (minutes east of UTC) of `zone` at `ms`, exactly as luxon's IANAZone.offset gives it. luxon
 * formats the instant into seven parts and rebuilds it, about 6 µs; a formatter that prints only the
 * offset does it in a quarter of that. Anything it does not print as whole minutes goes to luxon.
 */
export function offsetProbe(zone: IANAZone): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone.name, timeZoneName: 'longOffset' });
  return (ms) => {
    const match = LONG_OFFSET.exec(format.format(ms));
    if (!match) return zone.offset(ms);
    if (match[1] === undefined) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** The offsets found so far at bucket edges, and the changes found inside buckets, of one zone. */
class ZoneOffsets {
  /** Offset (minutes east of UTC) at the start of bucket k, by k. */
  readonly edges = new Map<number, number>();
  /** First instant of the later offset, for the buckets in which the offset changes. */
  readonly changes = new Map<number, number>();
  private readonly probe: (ms: number) => number;

  constructor(zone: IANAZone) {
    this.probe = offsetProbe(zone);
  }

  edge(bucket: number): number {
    let offset = this.edges.get(bucket);
    if (offset === undefined) {
      if (this.edges.size >= MAX_BUCKETS_PER_ZONE) {
        this.edges.clear();
        this.changes.clear();
      }
      offset = this.probe(bucket * BUCKET_MS);
      this.edges.set(bucket, offset);
    }
    return offset;
  }

  changeIn(bucket: number): number {
    let changeAt = this.changes.get(bucket);
    if (changeAt === undefined) {
      const before = this.edge(bucket);
      let low = bucket * BUCKET_MS; // still `before`
      let high = low + BUCKET_MS; // already the later offset
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.probe(middle) === before) low = middle;
        else high = middle;
      }
      changeAt = high;
      this.changes.set(bucket, changeAt);
    }
    return changeAt;
  }
}

const tables = new Map<string, ZoneOffsets>();

function offsetsOf(zone: IANAZone): ZoneOffsets {
  let table = tables.get(zone.name);
  if (!table) {
    table = new ZoneOffsets(zone);
    tables.set(zone.name, table);
  }
  return table;
}

export class CachedZone extends Zone<true> {
  private readonly offsets: ZoneOffsets;
  // The bucket of the last lookup: slots are asked for in ascending order, so it usually holds the next one.
  private bucket = Number.NaN;
  private bucketChangeAt = 0;
  private offsetBefore = 0;
  private offsetAfter = 0;
  // A run of bucket edges runFirst..runLast known to share runOffset (see offsetHeldThrough).
  private runFirst = Number.NaN;
  private runLast = Number.NaN;
  private runOffset = 0;
  private formattedDay = Number.NaN;
  private formattedDate = '';
  private formattedOffset = Number.NaN;
  private formattedOffsetText = '';

  constructor(private readonly zone: IANAZone) {
    super();
    this.offsets = offsetsOf(zone);
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

  /**
   * The offset, if it is the same at every instant of `[from, to]`; undefined if it changes there. Asked for
   * windows in ascending order, so the answer extends a run of equal bucket edges instead of walking it again.
   * By the bucket model above, the offset is constant over buckets first..last when their edges first..last + 1
   * are all equal.
   */
  offsetHeldThrough(from: number, to: number): number | undefined {
    const first = Math.floor(from / BUCKET_MS);
    const lastEdge = Math.floor(to / BUCKET_MS) + 1;
    if (!(first >= this.runFirst && first <= this.runLast)) {
      this.runFirst = first;
      this.runLast = first;
      this.runOffset = this.offsets.edge(first);
    }
    while (this.runLast < lastEdge) {
      if (this.offsets.edge(this.runLast + 1) !== this.runOffset) return undefined;
      this.runLast++;
    }
    return this.runOffset;
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
    this.offsetBefore = this.offsets.edge(bucket);
    this.offsetAfter = this.offsets.edge(bucket + 1);
    this.bucketChangeAt = this.offsetBefore === this.offsetAfter ? Number.POSITIVE_INFINITY : this.offsets.changeIn(bucket);
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
