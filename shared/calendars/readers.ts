import { calDavReader } from './caldav-reader';
import type { BusyReader, CalendarKind } from './calendar-source';
import { icsReader } from './ics-reader';

/** What every reader is told by the runtime: plain http to this machine, the local runtime and its tests only (config `calendarAllowLoopbackHttp`). */
export interface ReaderRules {
  allowLoopbackHttp: boolean;
}

/**
 * The reader of each kind of source, registered in one place so each reader's branch changes one
 * line here. The dependencies (shared/runtime/calendars.ts) build this map from the config, the
 * one place the loopback rule is read, and hand it to the sync; tests swap it for fakes.
 */
export function busyReaders(rules: ReaderRules): Record<CalendarKind, BusyReader> {
  return {
    ics: icsReader(rules),
    caldav: calDavReader(rules),
  };
}
