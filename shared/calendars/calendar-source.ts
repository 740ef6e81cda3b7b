/**
 * The therapist's other calendars (issue 15): a source is an ICS subscription or a CalDAV
 * collection whose busy time blocks bookable slots like time off. The shapes here are the shared
 * interface of the modules (storage, readers, sync, write-back, console).
 */
export type CalendarKind = 'ics' | 'caldav';

export const CALENDAR_KINDS: readonly CalendarKind[] = ['ics', 'caldav'];

export interface CalendarSource {
  id: string;
  therapistId: string;
  kind: CalendarKind;
  /** For ics: the subscription URL; for caldav: the calendar collection URL. */
  url: string;
  label?: string;
  /** caldav only. */
  username?: string;
  /** Encrypted at rest (KMS in AWS, a local key locally): never returned, logged or put in an event. */
  passwordCiphertext?: string;
  /** caldav only. */
  writeBookings: boolean;
  status: 'pending' | 'ok' | 'failing';
  lastSyncedAt?: string;
  /** Plain words, no credential, no URL query. */
  lastError?: string;
  /** Set when it starts failing; the therapist is emailed once per failing spell. */
  failingSince?: string;
  createdAt: string;
  updatedAt: string;
}

/** A busy interval from another calendar, UTC instants [start, end). No title, no attendee: only the source's label shows. */
export interface ExternalBusy {
  start: string;
  end: string;
  sourceId: string;
}

/** What a reader of a source returns for [from, to): the busy intervals, or throws a CalendarReadError with a plain message. */
export type BusyReader = (
  source: CalendarSource & { password?: string },
  range: { from: Date; to: Date; zone: string },
) => Promise<Array<{ start: string; end: string }>>;

/** A source could not be read. The message is plain, safe to store as lastError and to show the therapist. */
export class CalendarReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarReadError';
  }
}
