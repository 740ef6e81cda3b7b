import { addDays, wallTimeToInstant } from './zoned-time';

/** The time-off form's input: dates and optional times on the therapist's clock, as typed. */
export interface TimeOffInput {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  label: string;
}

/**
 * Time off as the API takes it: two instants, from dates and optional times on the therapist's clock
 * (no time = the whole day: from its start, until the start of the day after the last one). What
 * cannot be read is sent as typed (or empty), so the API's field error says what is missing, in one
 * place, as for every other form.
 */
export function timeOffInstants(input: TimeOffInput, zone: string): { start: string; end: string } {
  const read = (date: string, time: string, endOfDay: boolean) => {
    try {
      return time ? wallTimeToInstant(date, time, zone) : wallTimeToInstant(endOfDay ? addDays(date, 1) : date, '00:00', zone);
    } catch {
      return date && time ? `${date}T${time}` : '';
    }
  };
  return { start: read(input.startDate, input.startTime, false), end: read(input.endDate, input.endTime, true) };
}
