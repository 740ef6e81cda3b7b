import * as z from '../validation/zod';
import { PracticeSettings } from '../domain/practice-settings';
import { CalendarDate, DateOverride, Instant, TimeOffInput, TimeZoneName, WeeklySchedule } from '../domain/schedule';
import { EveryWeeks, MAX_SERIES_COUNT, Modality, SessionApproval, SessionAudience, SessionKind, SessionRepeat, SessionType, Slug } from '../domain/therapist';
import { wholeNumber } from '../domain/whole-number';
import { EnglishLocale } from '../domain/locale';
import { multiLine, singleLine, singleLineHttpsUrl } from '../domain/text';

/** A copy of a schema with a description for the OpenAPI document (classic zod's `.describe`). */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, { description });
  return copy;
}
/** A copy of a schema that the OpenAPI document names as a component (classic zod's `.meta({ id })`). */
function component<T extends z.ZodMiniType>(schema: T, id: string): T {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, { id });
  return copy;
}

/**
 * The zod schemas of the public HTTP contract (API.md). Handlers validate with these and the
 * OpenAPI document is generated from these, so the two cannot drift.
 */
export const ErrorResponse = component(
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    }),
  }),
  'Error',
);

export const PublicSessionType = component(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: SessionKind,
    durationMinutes: z.number().check(z.int()),
    modality: Modality,
    description: z.optional(z.string()),
    repeat: described(
      z.optional(SessionRepeat),
      'Clients may book this type as a series: every one of `everyWeeks` weeks, at most `maxCount` times. Absent: single sessions only.',
    ),
    audience: described(
      z.optional(SessionAudience),
      'Who may book it: new clients only, existing clients only (an address with a past session with this therapist; for a couple: both). Judged only after the addresses are verified. Absent: everyone.',
    ),
  }),
  'SessionType',
);

/** A therapist's photo: https only (w16 interface); a PUT without it removes it, as with bio. */
const PhotoUrl = described(z.optional(singleLineHttpsUrl().check(z.maxLength(500))), "An https address of the therapist's photo; absent: none");

export const TherapistListResponse = z.object({
  therapists: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      bio: z.optional(z.string()),
      photoUrl: z.optional(z.string()),
      timeZone: z.string(),
      sessionTypes: z.array(PublicSessionType),
    }),
  ),
});

export const TherapistPath = z.object({ therapistId: Slug });
export const BookingPath = z.object({ bookingId: z.string().check(z.uuid('must be a booking id')) });

export const AvailabilityQuery = z.object({
  sessionTypeId: Slug,
  from: CalendarDate,
  to: CalendarDate,
  timeZone: described(z.optional(TimeZoneName), "The client's IANA zone; default: the therapist's."),
});

const SlotView = z.object({ start: z.string(), end: z.string() });
export const AvailabilityResponse = z.object({
  therapistId: z.string(),
  sessionTypeId: z.string(),
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), slots: z.array(SlotView) })),
});

/** Query values are strings: the interval and the count as the digits of the body's bounds (`repeat`), no free text. */
const digitsFrom = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => String(min + i)) as [string, ...string[]];
export const SeriesPreviewQuery = z.object({
  sessionTypeId: Slug,
  start: described(Instant, 'The first occurrence: a slot from availability.'),
  everyWeeks: described(z.enum(digitsFrom(1, 4), { message: 'must be 1, 2, 3 or 4' }), "One of the session type's `repeat.everyWeeks`."),
  count: described(
    z.enum(digitsFrom(2, MAX_SERIES_COUNT), { message: `must be a whole number from 2 to ${MAX_SERIES_COUNT}` }),
    "From 2 to the session type's `repeat.maxCount`: every date of the rule, skipped ones included.",
  ),
  timeZone: described(z.optional(TimeZoneName), "The client's IANA zone for the times; default: the therapist's."),
});

export const SeriesPreviewResponse = z.object({
  occurrences: z.array(
    z.object({
      start: described(z.string(), 'In `timeZone`, with its offset.'),
      end: z.string(),
      status: z.enum(['free', 'skipped']),
      reason: described(
        z.optional(z.enum(['outside_hours', 'time_off', 'busy', 'daily_limit', 'override', 'too_soon', 'beyond_horizon'])),
        'Why skipped: as a booked series would record it.',
      ),
    }),
  ),
});

export const ClientInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(100), singleLine),
  email: z.email('must be an email address').check(z.maxLength(254), singleLine),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number'), singleLine)),
});

export const CreateBookingBody = z.object({
  therapistId: Slug,
  sessionTypeId: Slug,
  start: Instant,
  timeZone: described(TimeZoneName, "The client's IANA zone: times in emails and responses use it."),
  clients: z.array(ClientInput).check(z.minLength(1, 'at least one client is required'), z.maxLength(2, 'at most two clients')),
  note: z.optional(z.string().check(z.maxLength(1000, 'must be at most 1000 characters'), multiLine)),
  policyAccepted: z.literal(true, { message: 'the cancellation policy must be accepted' }),
  locale: described(
    z.optional(EnglishLocale),
    "The locale the client's emails write dates and times in (an English BCP 47 tag; `-u-hc-h12` or `-u-hc-h23` picks the clock). Absent: the practice's locale, else en-US.",
  ),
  repeat: described(
    z.optional(z.object({ everyWeeks: EveryWeeks, count: wholeNumber(2, MAX_SERIES_COUNT) })),
    "Book a series from `start`: the values must be among the session type's `repeat` (else 400 with the field's path).",
  ),
  website: described(
    z.optional(z.string().check(z.maxLength(2000), singleLine)),
    'The widget\'s honeypot: a field people never see or reach. Leave it out or empty; a request that fills it is answered as a success and nothing is booked.',
  ),
  formMs: described(
    z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(31_536_000_000))),
    'Milliseconds the booking form was shown before it was sent (the widget sends it). Under 2000: answered as a success and nothing is booked. Leave it out when no person fills a form.',
  ),
});

export const BookingView = component(
  z.object({
    id: z.string(),
    status: described(
      z.enum(['pending_verification', 'requested', 'confirmed', 'declined', 'expired', 'cancelled']),
      '`pending_verification` and `requested` hold the slot until `holdUntil`; after that the booking is `expired` and the time is free again.',
    ),
    therapistId: z.string(),
    sessionTypeId: z.string(),
    start: described(z.string(), "In the booking's time zone, with its offset."),
    end: z.string(),
    timeZone: z.string(),
    clients: described(
      z.array(z.object({ name: z.string(), email: z.optional(z.string()), phone: z.optional(z.string()) })),
      "In a client's manage view: their own name, email and phone; a partner by first name only.",
    ),
    lateCancellation: z.optional(z.boolean()),
    lateChange: described(z.optional(z.boolean()), "Moved by the client inside the practice's late-cancellation window (flag mode)"),
    seriesId: described(z.optional(z.string()), 'The series this booking is an occurrence of: GET /v1/series/{seriesId} with the same manage token.'),
    locale: described(z.optional(z.string()), "The locale it was booked with: the client's emails write dates and times in it."),
    holdUntil: described(z.optional(z.string()), 'While pending_verification or requested: when the hold ends (UTC instant, exclusive).'),
    awaitingVerification: described(
      z.optional(z.number().check(z.int(), z.minimum(0))),
      'While pending_verification: how many clients have not yet confirmed their address by the emailed link.',
    ),
    ruleRefusal: described(
      z.optional(z.enum(['new_clients_only', 'existing_clients_only'])),
      "Declined by the session type's audience rule once the addresses were confirmed: who the type is for.",
    ),
    createdAt: z.string(),
  }),
  'Booking',
);

/** A series id as the path carries it: the service's ids are short and URL-safe. */
export const SeriesId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a series id'));
export const SeriesPath = z.object({ seriesId: SeriesId });
export const MySeriesPath = z.object({ id: SeriesId });
/** An occurrence of the therapist's series: its `index` as the series lists it (0–51, digits only). */
export const MySeriesOccurrencePath = z.object({
  id: SeriesId,
  index: z.string().check(z.regex(/^(0|[1-9]\d{0,2})$/, 'must be an occurrence index (a whole number)')),
});

const OccurrenceView = z.object({
  index: described(z.number().check(z.int()), "The occurrence's place in the rule, 0 for the first date; never reused (POST /v1/me/series/{id}/occurrences/{index}/place)."),
  start: described(z.string(), "In the series' time zone, with its offset: the therapist's wall-clock time stays the same across DST."),
  end: z.string(),
  bookingId: described(z.optional(z.string()), 'The booking of a booked (or cancelled) occurrence; one occurrence is managed through the booking endpoints.'),
  status: z.enum(['booked', 'skipped', 'cancelled']),
  reason: described(
    z.optional(z.string()),
    'Why an occurrence was skipped: outside_hours, time_off, busy, daily_limit, override (a day off), …',
  ),
  placed: described(z.optional(z.literal(true)), 'A skipped week the therapist later booked by hand, at `start` (any time that week).'),
});

export const SeriesView = component(
  z.object({
    id: z.string(),
    therapistId: z.string(),
    sessionTypeId: z.string(),
    everyWeeks: z.number().check(z.int()),
    count: z.optional(z.number().check(z.int())),
    until: described(z.optional(z.string()), "Last date (in the therapist's zone) an occurrence may fall on"),
    status: z.enum(['active', 'ended']),
    timeZone: z.string(),
    clients: described(
      z.array(z.object({ name: z.string(), email: z.optional(z.string()), phone: z.optional(z.string()) })),
      "In a client's view: their own name, email and phone; a partner by first name only.",
    ),
    occurrences: z.array(OccurrenceView),
  }),
  'Series',
);

export const CreateBookingResponse = z.object({
  booking: BookingView,
  manageToken: described(z.string(), "The first client's manage token (the same as manageTokens[0])."),
  manageTokens: described(z.array(z.string()), 'One manage token per client, in client order; each opens the booking as that client.'),
  series: described(z.optional(SeriesView), 'With `repeat`: the series, whose first occurrence is `booking`; the manage tokens open the series too.'),
});
export const BookingResponse = z.object({ booking: BookingView });
export const VerifyBookingResponse = z.object({
  booking: described(BookingView, 'As the verifier sees it through their manage link: still pending_verification while a partner has not confirmed.'),
  manageToken: described(z.string(), "The verifier's own manage token: it opens this booking, and proves their address when they book again."),
  alreadyVerified: described(z.boolean(), 'This address had already been confirmed: nothing changed.'),
});
export const DeclineBookingBody = z.object({
  reason: described(z.optional(z.string().check(z.maxLength(500), multiLine)), 'Shown to the therapist only; the client is told the request could not be accepted.'),
});
export const SeriesResponse = z.object({ series: SeriesView });
export const CancelSeriesBody = z.object({
  from: described(z.optional(CalendarDate), "First date (in the therapist's zone) to cancel from; default: the next occurrence"),
});
export const CancelBookingBody = z.object({ reason: z.optional(z.string().check(z.maxLength(500), multiLine)) });
export const RescheduleBookingBody = z.object({ start: Instant });

// ---- Therapist (signed in) ----

export const TherapistView = component(
  z.object({ id: z.string(), displayName: z.string(), email: z.string(), bio: z.optional(z.string()), photoUrl: z.optional(z.string()), timeZone: z.string(), active: z.boolean() }),
  'Therapist',
);
export const TherapistResponse = z.object({ therapist: TherapistView });
export const ProfileBody = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100), singleLine),
  email: z.email().check(z.maxLength(254), singleLine),
  bio: z.optional(z.string().check(z.trim(), z.maxLength(2000), multiLine)),
  photoUrl: PhotoUrl,
});

export const ScheduleBody = WeeklySchedule;
export const OverrideBody = DateOverride;
export const TimeOffBody = TimeOffInput;
export const ScheduleResponse = z.object({ schedule: WeeklySchedule });
/** The console's preview of unsaved hours (decision 53): field paths of an invalid schedule start with `schedule.`. */
export const SchedulePreviewBody = z.object({
  schedule: WeeklySchedule,
  sessionTypeId: Slug,
  from: described(CalendarDate, "First date, in the proposed schedule's zone"),
  to: described(CalendarDate, 'Last date, inclusive (at most 14 dates in all)'),
});
export const SchedulePreviewResponse = z.object({
  current: described(AvailabilityResponse, 'What the stored schedule offers, in the proposed zone'),
  proposed: described(AvailabilityResponse, 'What the given schedule would offer, with the same bookings, overrides and time off'),
});
export const OverridesResponse = z.object({ overrides: z.array(z.object({ date: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) })) });
export const OverrideResponse = z.object({ override: z.object({ date: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) }) });
export const OverridePath = z.object({ date: CalendarDate });
const TimeOffView = z.object({ id: z.string(), start: z.string(), end: z.string(), label: z.optional(z.string()) });
export const TimeOffListResponse = z.object({ timeOff: z.array(TimeOffView) });
export const TimeOffResponse = z.object({ timeOff: TimeOffView });
export const IdPath = z.object({ id: z.string().check(z.minLength(1), z.maxLength(80), singleLine) });

export const SessionTypeBody = z.extend(SessionType, { id: z.optional(Slug) });
export const SessionTypeUpdateBody = z.omit(SessionType, { id: true });
const SessionTypeView = z.extend(PublicSessionType, {
  hidden: z.optional(z.boolean()),
  approval: described(
    z.optional(SessionApproval),
    'Whether a verified booking waits as `requested` for your approval: always, or only when a client is new. Absent: none.',
  ),
});
export const SessionTypesResponse = z.object({ sessionTypes: z.array(SessionTypeView) });
export const SessionTypeResponse = z.object({ sessionType: SessionTypeView });

const BOOKING_STATUS = '(pending_verification|requested|confirmed|declined|expired|cancelled)';
export const MyBookingsQuery = z.object({
  from: described(z.optional(CalendarDate), "First date, in the therapist's zone (default: today)"),
  to: described(z.optional(CalendarDate), 'Last date, inclusive (default: 30 days after from; with `status`, 365 days after from)'),
  status: described(
    z.optional(z.string().check(z.regex(new RegExp(`^${BOOKING_STATUS}(,${BOOKING_STATUS})*$`), 'must be booking statuses separated by commas: pending_verification, requested, confirmed, declined, expired, cancelled'))),
    'Only bookings with one of these statuses, comma-separated (e.g. `requested`: the requests waiting for your answer). A hold past its end counts as `expired`. Default: every status.',
  ),
});
const Actor = z.enum(['client', 'therapist']);
const ClientIndex = described(z.number().check(z.int(), z.minimum(0)), 'Index in clients of the partner whose own manage link did it; absent when not known.');
export const TherapistBookingView = z.extend(BookingView, {
  note: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  cancelledBy: z.optional(Actor),
  cancelledByClient: z.optional(ClientIndex),
  rescheduledBy: described(z.optional(Actor), 'Who moved the booking last.'),
  rescheduledByClient: z.optional(ClientIndex),
  declinedBy: described(z.optional(z.enum(['therapist', 'rules'])), "Who declined a request: the therapist, or the session type's audience rule."),
  declineReason: described(z.optional(z.string()), "The therapist's reason for declining, when given: shown to the therapist only."),
  clients: z.array(z.object({
    name: z.string(),
    email: z.string(),
    phone: z.optional(z.string()),
    deliveryProblem: described(z.optional(z.boolean()), "True when this client's email bounced or they reported it as spam: reach them another way"),
  })),
});
export const MyBookingsResponse = z.object({ bookings: z.array(TherapistBookingView) });
export const TherapistBookingResponse = z.object({ booking: TherapistBookingView });

export const TherapistSeriesView = component(
  z.extend(SeriesView, {
    clients: z.array(z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) })),
    note: z.optional(z.string()),
    therapistTimeZone: described(z.string(), "The zone of the rule's wall clock"),
    plannedThrough: described(z.string(), 'Occurrences exist up to this date; an open-ended series is kept booked 12 weeks ahead'),
    createdBy: Actor,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'TherapistSeries',
);
export const CreateSeriesBody = z.object({
  sessionTypeId: Slug,
  start: described(Instant, 'The first occurrence; its weekday and wall-clock time in the therapist\'s zone are the rule'),
  timeZone: described(TimeZoneName, "The client's IANA zone: times in emails use it."),
  clients: z.array(ClientInput).check(z.minLength(1, 'at least one client is required'), z.maxLength(2, 'at most two clients')),
  everyWeeks: EveryWeeks,
  count: described(z.optional(wholeNumber(2, MAX_SERIES_COUNT)), 'How many occurrences; neither count nor until: open-ended'),
  until: described(z.optional(CalendarDate), "Last date (therapist's zone) an occurrence may fall on"),
  note: z.optional(z.string().check(z.maxLength(1000, 'must be at most 1000 characters'), multiLine)),
});
export const MySeriesListResponse = z.object({ series: z.array(TherapistSeriesView) });
export const MySeriesResponse = z.object({ series: TherapistSeriesView });
export const EndSeriesBody = z.object({ from: described(CalendarDate, "First date (therapist's zone) whose occurrences are cancelled") });
export const RescheduleSeriesBody = z.object({
  from: described(CalendarDate, "First date (therapist's zone) whose occurrences move"),
  start: described(Instant, "An instant with the new weekday and time (therapist's zone); the first moved occurrence takes it"),
});
export const PlaceOccurrenceBody = z.object({
  start: described(Instant, "The time to book the skipped week at: in the same Monday–Sunday week (therapist's zone) as its rule date"),
});
export const RescheduleSeriesResponse = z.object({
  series: TherapistSeriesView,
  notMoved: described(
    z.array(z.object({ bookingId: z.string(), start: described(z.string(), 'Its time, kept'), reason: z.string() })),
    'Occurrences that could not move (the new time is not free that week): each keeps its time',
  ),
});
export const CalendarFeedResponse = z.object({ url: described(z.string(), 'A secret .ics subscription URL; POST …/rotate revokes it') });
export const CalendarFeedPath = z.object({ therapistId: Slug, feedToken: z.string().check(z.minLength(10), z.maxLength(200), singleLine) });

// ---- Practice admin ----

export const AdminTherapistBody = z.object({
  id: z.optional(Slug),
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100), singleLine),
  email: z.email().check(z.maxLength(254), singleLine),
  timeZone: TimeZoneName,
  bio: z.optional(z.string().check(z.trim(), z.maxLength(2000), multiLine)),
  photoUrl: PhotoUrl,
});
export const AdminTherapistUpdateBody = z.extend(z.omit(AdminTherapistBody, { id: true }), { active: z.optional(z.boolean()) });
export const TherapistsAdminResponse = z.object({ therapists: z.array(TherapistView) });
export const TherapistPathAdmin = z.object({ therapistId: Slug });
/**
 * PUT takes any subset of the settings; the rest keep their values. An optional setting that a
 * practice may want gone again (its locale, its contact details) is removed by `null`: absent
 * means "keep", as for every other field.
 */
export const SettingsBody = z.extend(z.partial(PracticeSettings), {
  contact: described(z.optional(z.nullable(PracticeSettings.shape.contact.def.innerType)), 'Public contact details; `null` removes them'),
  locale: described(z.optional(z.nullable(PracticeSettings.shape.locale.def.innerType)), 'The locale of dates and times; `null` removes it (the widget then follows the page, emails use en-US)'),
  limits: described(z.optional(z.partial(PracticeSettings.shape.limits)), 'Abuse limits; any subset: the limits left out keep their values'),
});
export const SettingsResponse = z.object({ settings: PracticeSettings });

const InstantOrDate = z.union([Instant, CalendarDate]);
export const AuditQuery = z.object({
  from: described(z.optional(InstantOrDate), 'Start, inclusive: an ISO 8601 instant, or a date (its start in UTC). Default: 30 days before `to`.'),
  to: described(z.optional(InstantOrDate), 'End, exclusive: an instant, or a date (that whole UTC date included). Default: now. At most 397 days (13 months) after `from`.'),
  cursor: described(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a nextCursor this API handed out'))), 'The `nextCursor` of the previous page of the same range.'),
  limit: described(
    z.optional(z.string().check(z.regex(/^(?:[1-9]\d{0,2}|1000)$/, 'must be a whole number from 1 to 1000'))),
    'Entries per page (default 200, at most 1000).',
  ),
});
export const AuditEntryView = component(
  z.object({
    at: described(z.string(), 'When the change was made (UTC instant).'),
    actor: described(z.string(), 'Who made it: the sign-in subject id (`system` for a scheduled job). Never a name or an email.'),
    action: described(z.string(), 'What was done, e.g. `schedule.replace`, `override.delete`, `booking.approve`, `settings.update`.'),
    target: described(z.string(), 'The id it was done to: a therapist id, `<therapistId>/<id>`, a booking or series id, or `settings`.'),
  }),
  'AuditEntry',
);
export const AuditResponse = z.object({
  entries: described(z.array(AuditEntryView), 'Newest first.'),
  nextCursor: described(z.optional(z.string()), 'Present when more entries of the range follow: pass it as `cursor`.'),
});

// ---- Practice (public) ----

export const PracticeResponse = z.object({
  practice: z.object({
    name: z.string(),
    cancellationPolicy: described(z.string(), 'Shown to clients before they book'),
    lateCancellationHours: z.number().check(z.int()),
    lateCancellationMode: z.enum(['refuse', 'flag']),
    address: z.optional(described(z.string(), 'Where in-person sessions take place')),
    contact: z.optional(described(z.object({ phone: z.optional(z.string()), email: z.optional(z.string()) }), 'How clients reach the practice')),
    locale: z.optional(described(z.string(), 'The locale dates and times are written in (BCP 47); absent: the page decides')),
  }),
});

/** The therapist's other calendars (issue 15). Kind-specific rules and the URL's scheme are checked by the service, which knows the runtime. */
export const CalendarBody = z.object({
  kind: z.enum(['ics', 'caldav']),
  url: described(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000), singleLine), 'https URL: an iCalendar feed, or a CalDAV calendar collection'),
  username: z.optional(z.string().check(z.minLength(1), z.maxLength(200), singleLine)),
  password: z.optional(described(z.string().check(z.minLength(1), z.maxLength(500), singleLine), 'CalDAV app password: sealed at rest, never answered')),
  label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60), singleLine)),
  writeBookings: z.optional(z.boolean()),
});
export const CalendarView = component(
  z.object({
    id: z.string(),
    kind: z.enum(['ics', 'caldav']),
    url: z.string(),
    label: z.optional(z.string()),
    writeBookings: z.boolean(),
    status: z.enum(['pending', 'ok', 'failing']),
    lastSyncedAt: z.optional(z.string()),
    lastError: z.optional(z.string()),
  }),
  'Calendar',
);
export const CalendarResponse = z.object({ calendar: CalendarView });
export const CalendarListResponse = z.object({ calendars: z.array(CalendarView) });
export const BusyQuery = z.object({ from: Instant, to: Instant });
export const BusyResponse = z.object({ busy: z.array(z.object({ start: z.string(), end: z.string(), label: z.optional(z.string()) })) });

// ---- Practice data (admin; issue 17: erase and export) ----

export const EraseClientBody = z.object({
  email: described(z.email('must be an email address').check(z.maxLength(254), singleLine), 'The address to erase (compared trimmed and case-insensitively)'),
});
export const EraseClientResponse = z.object({
  erased: described(z.number().check(z.int()), 'How many bookings had this client anonymised (0 when none were left)'),
});
export const ExportQuery = z.object({
  cursor: z.optional(described(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2000}$/, 'must be a nextCursor from an earlier page')), 'The `nextCursor` of the previous page')),
  limit: z.optional(described(z.string().check(z.regex(/^([1-9][0-9]{0,2}|1000)$/, 'must be a whole number from 1 to 1000')), 'Items of the table read for this page (default 500); a page may hold fewer records, even none, and still have a nextCursor')),
});
const ExportRecord = z.record(z.string(), z.unknown());
export const ExportResponse = z.object({
  format: described(z.literal('practice-export.v1'), 'The version of this document'),
  therapists: z.array(TherapistView),
  schedules: described(z.array(ExportRecord), "Each therapist's weekly hours (`therapistId` plus the schedule's fields; the zone is the therapist's)"),
  sessionTypes: described(z.array(ExportRecord), '`therapistId` plus the session type'),
  overrides: described(z.array(ExportRecord), '`therapistId` plus the date override'),
  timeOff: described(z.array(ExportRecord), '`therapistId` plus the time off'),
  bookings: described(z.array(ExportRecord), 'Bookings as stored, with clients and notes; no token or storage attribute'),
  series: described(z.array(ExportRecord), 'Standing appointments as stored'),
  settings: z.optional(described(PracticeSettings, 'The practice settings: on the first page only')),
  nextCursor: z.optional(described(z.string(), 'Present while more pages follow: pass it as `cursor`')),
});
