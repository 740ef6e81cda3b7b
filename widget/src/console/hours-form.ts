/**
 * The Hours editor's state as plain JSON (it is also the draft kept across a new sign-in), and its
 * translation to and from the API's schedule. Numbers stay the text the user typed, so a draft keeps
 * even input the API would refuse, and the API, not the console, says what is wrong with it.
 */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface Interval {
  start: string;
  end: string;
}

export interface Schedule {
  timeZone: string;
  weekly: Partial<Record<Day, Interval[]>>;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  slotIntervalMinutes: number;
  maxSessionsPerDay?: number;
}

export interface HoursForm {
  timeZone: string;
  /** A day switched off keeps its intervals, so switching it back on brings them back (as Cal.com does). */
  days: Record<Day, { on: boolean; intervals: Interval[] }>;
  bufferMinutes: string;
  minimumNoticeMinutes: string;
  horizonDays: string;
  slotIntervalMinutes: string;
  maxSessionsPerDay: string;
  previewTypeId: string;
}

export const DEFAULT_INTERVAL: Interval = { start: '09:00', end: '17:00' };

export function formOf(schedule: Schedule | undefined, timeZone: string): HoursForm {
  const days = Object.fromEntries(
    DAYS.map((d) => {
      const intervals = schedule?.weekly[d] ?? [];
      return [d, { on: intervals.length > 0, intervals: intervals.map((i) => ({ ...i })) }];
    }),
  ) as HoursForm['days'];
  const text = (n: number | undefined, fallback = '') => (n === undefined ? fallback : String(n));
  return {
    timeZone: schedule?.timeZone ?? timeZone,
    days,
    bufferMinutes: text(schedule?.bufferMinutes, '0'),
    minimumNoticeMinutes: text(schedule?.minimumNoticeMinutes, '1440'),
    horizonDays: text(schedule?.horizonDays, '60'),
    slotIntervalMinutes: text(schedule?.slotIntervalMinutes, '30'),
    maxSessionsPerDay: text(schedule?.maxSessionsPerDay),
    previewTypeId: '',
  };
}

/** `''` is left out (the API names the missing field); anything else goes as a number, NaN as null for the API to refuse. */
const numberOf = (text: string): number | null | undefined => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

export function scheduleOf(form: HoursForm): Record<string, unknown> {
  const weekly = Object.fromEntries(DAYS.filter((d) => form.days[d].on).map((d) => [d, form.days[d].intervals.map((i) => ({ ...i }))]));
  const body: Record<string, unknown> = { timeZone: form.timeZone, weekly };
  for (const key of ['bufferMinutes', 'minimumNoticeMinutes', 'horizonDays', 'slotIntervalMinutes', 'maxSessionsPerDay'] as const) {
    const n = numberOf(form[key]);
    if (n !== undefined) body[key] = n;
  }
  return body;
}

/** A time input cannot show 24:00: midnight as an end is shown as 00:00 and read back as 24:00. */
export const endForInput = (end: string) => (end === '24:00' ? '00:00' : end);
export const endFromInput = (value: string) => (value === '00:00' ? '24:00' : value);

/** Plain data only: a kept draft is JSON from sessionStorage and is checked before it is used. */
export function isHoursForm(value: unknown): value is HoursForm {
  const v = value as HoursForm | null;
  return (
    typeof v === 'object' && v !== null && typeof v.timeZone === 'string' && typeof v.days === 'object' && v.days !== null &&
    DAYS.every((d) => typeof v.days[d]?.on === 'boolean' && Array.isArray(v.days[d]?.intervals))
  );
}

/** The Monday-to-Sunday after this week, as calendar dates in `timeZone`. */
export function nextWeek(now: Date, timeZone: string): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const today = Date.UTC(get('year'), get('month') - 1, get('day'));
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday 0
  const monday = today + (7 - weekday) * 86_400_000;
  return DAYS.map((_, i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
}
