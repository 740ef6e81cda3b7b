import type { Zone } from 'luxon';
import { toMinutes, type DateOverride, type TimeInterval, type WeeklySchedule } from '../domain/schedule';
import { parseCalendarDay, weekdayOf, type CalendarDay } from './calendar-day';
import { wallClockInstant } from './wall-clock';

/** A stretch of working time between two instants (epoch ms), `[start, end)`. */
export interface WorkingWindow {
  start: number;
  end: number;
}

/** The therapist's hours for any of their local dates: that date's override if there is one
 * (no intervals = day off), else the weekly hours of its weekday (missing weekday = no hours). */
export class WorkingHours {
  private readonly overrides = new Map<CalendarDay, TimeInterval[]>();

  /** `zone` is the schedule's zone (usually a CachedZone of it). */
  constructor(private readonly schedule: WeeklySchedule, overrides: readonly DateOverride[], private readonly zone: Zone) {
    // Two overrides for one date should not happen (one per date is stored); if they do, the later one wins,
    // as the later write would.
    for (const override of overrides) this.overrides.set(parseCalendarDay(override.date), override.intervals);
  }

  intervalsOn(day: CalendarDay): readonly TimeInterval[] {
    return this.overrides.get(day) ?? this.schedule.weekly[weekdayOf(day)] ?? [];
  }

  /** Each interval placed on the therapist's wall clock on `day`. An interval that the DST gap
   * swallows entirely (both ends resolve to the same instant) is no window at all. */
  windowsOn(day: CalendarDay): WorkingWindow[] {
    const windows: WorkingWindow[] = [];
    for (const interval of this.intervalsOn(day)) {
      const start = wallClockInstant(this.zone, day, toMinutes(interval.start));
      const end = wallClockInstant(this.zone, day, toMinutes(interval.end));
      if (end > start) windows.push({ start, end });
    }
    return windows;
  }
}
