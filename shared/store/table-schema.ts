/**
 * The single table's key attributes and index names. The table definition in infra/ builds the
 * physical table (for CDK and for DynamoDB Local) from these; repositories build keys from them.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Overloaded index: `THERAPISTS` lists every therapist profile and session type (the public
   * listing, one query); `THERAPIST#<id>#BOOKINGS` lists a therapist's bookings ordered by start;
   * `THERAPIST#<id>#SERIES` lists a therapist's series by first date. */
  index: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  timeToLive: 'expiresAt',
} as const;

/** Key builders: one place that knows how items are laid out in the table. */
export const keys = {
  therapist: (therapistId: string) => ({ PK: `THERAPIST#${therapistId}`, SK: 'PROFILE' }),
  schedule: (therapistId: string) => ({ PK: `THERAPIST#${therapistId}`, SK: 'SCHEDULE' }),
  sessionType: (therapistId: string, id: string) => ({ PK: `THERAPIST#${therapistId}`, SK: `SESSIONTYPE#${id}` }),
  override: (therapistId: string, date: string) => ({ PK: `THERAPIST#${therapistId}`, SK: `OVERRIDE#${date}` }),
  timeOff: (therapistId: string, id: string) => ({ PK: `THERAPIST#${therapistId}`, SK: `TIMEOFF#${id}` }),
  /** Busy intervals of one therapist-local date, versioned: the booking concurrency guard. */
  day: (therapistId: string, date: string) => ({ PK: `THERAPIST#${therapistId}`, SK: `DAY#${date}` }),
  therapistIndex: () => ({ PK: 'THERAPISTS', SK: 'INDEX' }),
  booking: (bookingId: string) => ({ PK: `BOOKING#${bookingId}`, SK: 'BOOKING' }),
  idempotency: (keyHash: string) => ({ PK: `IDEMPOTENCY#${keyHash}`, SK: 'IDEMPOTENCY' }),
  practiceSettings: () => ({ PK: 'PRACTICE', SK: 'SETTINGS' }),
  /** One pending reminder of a booking, beside the booking; indexed by due date for the sweep. */
  reminder: (bookingId: string, offsetMinutes: number, start: string) => ({ PK: `BOOKING#${bookingId}`, SK: `REMINDER#${start}#${offsetMinutes}` }),
  remindersDueOn: (utcDate: string) => `REMINDERS#${utcDate}`,
  /** A claim that one message to one recipient is being, or has been, sent. */
  delivery: (claimHash: string) => ({ PK: `DELIVERY#${claimHash}`, SK: 'DELIVERY' }),
  /** An address that hard-bounced or complained, by its keyed hash: no more email goes to it. */
  suppression: (recipientHash: string) => ({ PK: `SUPPRESSED#${recipientHash}`, SK: 'SUPPRESSION' }),
  /** One client of a booking whose email did not arrive (or was refused), beside the booking. */
  deliveryProblem: (bookingId: string, role: string) => ({ PK: `BOOKING#${bookingId}`, SK: `DELIVERYPROBLEM#${role}` }),
  /** The index partition listing a therapist's delivery problems (few: bounces are rare). */
  deliveryProblemsOfTherapist: (therapistId: string) => `THERAPIST#${therapistId}#DELIVERYPROBLEMS`,
  /** A standing appointment's rule and occurrences; indexed under its therapist for the listing. */
  series: (seriesId: string) => ({ PK: `SERIES#${seriesId}`, SK: 'SERIES' }),
  seriesOfTherapist: (therapistId: string) => `THERAPIST#${therapistId}#SERIES`,
  /** A held booking's hold, beside the booking; indexed by the UTC date its hold ends, for the expiry sweep. */
  hold: (bookingId: string) => ({ PK: `BOOKING#${bookingId}`, SK: 'HOLD' }),
  holdsEndingOn: (utcDate: string) => `HOLDS#${utcDate}`,
  /** One client's sessions with one therapist, by a keyed hash of the normalised address (never the address). */
  clientHistory: (therapistId: string, clientHash: string) => ({ PK: `CLIENT#${clientHash}`, SK: `THERAPIST#${therapistId}` }),
  therapistPartition: (therapistId: string) => `THERAPIST#${therapistId}`,
  /** One of a therapist's other calendars (issue 15), outside the therapist partition: availability never reads its credentials. */
  calendarSource: (therapistId: string, sourceId: string) => ({ PK: `CALENDARS#${therapistId}`, SK: `SOURCE#${sourceId}` }),
  calendarsOfTherapist: (therapistId: string) => `CALENDARS#${therapistId}`,
  /** The index partition listing every calendar source, for the scheduled sync. */
  allCalendarSources: () => 'CALENDARSOURCES',
  /** One source's busy intervals in one UTC month (`yyyy-mm`), in the therapist partition. `EXTBUSY#`, not `BUSY#`: it must sort
   * after `DAY$` (`B` sorts before `D`), so availability's one query and `loadConfiguration` read it with the configuration. */
  externalBusy: (therapistId: string, sourceId: string, month: string) => ({ PK: `THERAPIST#${therapistId}`, SK: `EXTBUSY#${sourceId}#${month}` }),
  bookingsOfTherapist: (therapistId: string) => `THERAPIST#${therapistId}#BOOKINGS`,
  /**
   * One audit entry (issue 17), in a partition per UTC month so `GET /v1/admin/audit?from&to` reads
   * whole months in order; the sort key is the instant then a unique id. Never updated or deleted
   * through the API; expires by TTL after `auditRetentionDays`.
   */
  auditEntry: (at: string, id: string) => ({ PK: `AUDIT#${at.slice(0, 7)}`, SK: `${at}#${id}` }),
  auditMonth: (month: string) => `AUDIT#${month}`,
  /**
   * One rate-limit counter (issue 17): `scope` names the limit, `subjectHash` is a keyed hash of what is
   * counted (a source address, a client address), `window` the window's start (an instant or a date).
   * Atomic `ADD` with a condition on the limit; expires by TTL once its window has passed.
   */
  rateCounter: (scope: string, subjectHash: string, window: string) => ({ PK: `RATE#${scope}#${subjectHash}`, SK: `WINDOW#${window}` }),
} as const;

/** Every sort key of a therapist's configuration sorts after `DAY#…`, so a range query on
 * `SK > CONFIG_SK_FLOOR` reads the whole configuration without the day ledgers. */
export const CONFIG_SK_FLOOR = 'DAY$';
