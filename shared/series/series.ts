import type { Client } from '../domain/booking';

/**
 * A standing appointment: a rule (every 1–4 weeks at one wall-clock time in the therapist's zone)
 * plus its real occurrences. Each booked occurrence is an ordinary Booking (with `seriesId` and
 * `occurrenceIndex`), so ledgers, reminders, manage links and late-window rules hold per occurrence.
 */
export type OccurrenceStatus = 'booked' | 'skipped' | 'cancelled';

/** Why an occurrence was not booked: the engine's reasons, plus `override` (an override day off). */
export type SkipReason = 'outside_hours' | 'time_off' | 'busy' | 'daily_limit' | 'override' | 'too_soon' | 'beyond_horizon';

export interface Occurrence {
  /** Position in the rule, 0 for the first date; never reused, so (seriesId, index) names one occurrence for good. */
  index: number;
  /** UTC instants: the same wall-clock time in the therapist's zone every time (DST-proof). */
  start: string;
  end: string;
  /** Deterministic from (seriesId, index): a resumed write books the same id, so nothing is booked twice. */
  bookingId?: string;
  status: OccurrenceStatus;
  /** Why skipped (a SkipReason); absent when booked or cancelled. */
  reason?: string;
  /**
   * For a week skipped after the series was first told (the extension job, a resume of a move): the
   * series' sequence its skip was written at. The `series.changed` of that sequence tells it (decision 71).
   */
  skippedAt?: number;
  /** A skipped week the therapist booked by hand later (decision 73): its confirmation is its own email. */
  placed?: true;
}

/** An occurrence of the rule that a pending write has not decided yet (booked or skipped). */
export interface PlannedOccurrence {
  index: number;
  start: string;
  end: string;
}

export const MAX_SERIES_COUNT = 52;
/** Open-ended series are kept booked this many weeks ahead. */
export const OPEN_SERIES_WEEKS = 12;

export interface Series {
  id: string;
  therapistId: string;
  sessionTypeId: string;
  everyWeeks: 1 | 2 | 3 | 4;
  /** Occurrences of the rule in all, skipped ones included (as RRULE COUNT counts EXDATEs). */
  count?: number;
  /** Last date (therapist-local, inclusive) an occurrence may fall on. */
  until?: string;
  status: 'active' | 'ended';
  /** Set when ended: the therapist-local date from which it was ended (occurrences before it stand). */
  endedFrom?: string;
  /** The client's zone (for presenting) and the therapist's (the rule's wall clock). */
  timeZone: string;
  therapistTimeZone: string;
  /** The rule's wall clock in the therapist's zone: the date of occurrence `firstIndex` (its weekday is the rule's) and its time. */
  firstDate: string;
  localTime: string;
  /** The index `firstDate` belongs to: 0, unless the series was moved from a later occurrence on. */
  firstIndex?: number;
  clients: Client[];
  note?: string;
  /** The locale the client booked with (as Booking.locale); every occurrence's booking carries it too. */
  locale?: string;
  /** Decided occurrences (booked, skipped, cancelled), by index. */
  occurrences: Occurrence[];
  /** Occurrences a pending write has yet to decide; absent (or empty) when nothing is pending. */
  planned?: PlannedOccurrence[];
  /** Open-ended series (neither count nor until) are kept booked this far (12 weeks ahead). */
  plannedThrough: string;
  /** Set while a create/extend/move has not finished every occurrence: a resume picks it up. */
  pending?: 'create' | 'extend' | 'reschedule';
  createdBy: 'client' | 'therapist';
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change a client or therapist would see; the .ics SEQUENCE of the series' VEVENT. */
  sequence: number;
}

export const isOpenEnded = (series: Pick<Series, 'count' | 'until'>) => series.count === undefined && series.until === undefined;
