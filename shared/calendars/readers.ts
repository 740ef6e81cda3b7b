import { CalendarReadError, type BusyReader, type CalendarKind } from './calendar-source';
import { readIcsBusy } from './ics-reader';

/**
 * The reader of each kind of source, registered in one place so each reader's branch changes one
 * line here. The dependencies (shared/runtime/calendars.ts) hand this map to the sync; tests swap
 * it for fakes. Until a kind's reader is built its slot fails the sync plainly.
 */
const notBuiltYet: BusyReader = async () => {
  throw new CalendarReadError('not built yet');
};

export const BUSY_READERS: Record<CalendarKind, BusyReader> = {
  ics: readIcsBusy,

  caldav: notBuiltYet,
};
