import type * as z from '../validation/zod';
import * as api from './api-schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
/** Who may call: anyone; the holder of a booking's manage token; a signed-in therapist; a practice admin. */
export type OperationAuth = 'public' | 'manage-token' | 'therapist' | 'admin';

export interface Operation<
  Q extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  P extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  B extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  id: string;
  method: HttpMethod;
  path: string;
  auth: OperationAuth;
  summary: string;
  tag: string;
  query?: Q;
  params?: P;
  body?: B;
  /** Success status and body schema. */
  success: { status: number; schema?: z.ZodMiniType; contentType?: string; description: string };
  /** Answers something other than JSON (the calendar feed). */
  raw?: boolean;
  /** Plumbing, not part of the documented API (CORS preflight). */
  internal?: boolean;
  /** Error codes this operation can answer besides validation_failed and internal. */
  errors: Array<
    | 'unauthorized' | 'forbidden' | 'not_found' | 'slot_unavailable' | 'conflict' | 'cancellation_window_passed' | 'request_expired'
    | 'verification_required' | 'payload_too_large' | 'rate_limited'
  >;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
}

function operation<Q extends z.ZodMiniType | undefined = undefined, P extends z.ZodMiniType | undefined = undefined, B extends z.ZodMiniType | undefined = undefined>(
  op: Operation<Q, P, B>,
): Operation<Q, P, B> {
  return op;
}

/**
 * Every operation of the HTTP API. The route table in infra/ maps each to its handler file; the
 * handlers validate with these schemas; the OpenAPI document is generated from them.
 */
export const OPERATIONS = {
  listTherapists: operation({
    id: 'listTherapists', method: 'GET', path: '/v1/therapists', auth: 'public', tag: 'Public',
    summary: 'Therapists who take bookings, with their bookable session types',
    success: { status: 200, schema: api.TherapistListResponse, description: 'The therapists' },
    errors: [],
  }),
  getAvailability: operation({
    id: 'getAvailability', method: 'GET', path: '/v1/therapists/{therapistId}/availability', auth: 'public', tag: 'Public',
    summary: 'Open slots of one therapist and session type, per date in the client zone (at most 62 days)',
    params: api.TherapistPath, query: api.AvailabilityQuery,
    success: { status: 200, schema: api.AvailabilityResponse, description: 'Dates with at least one slot, ascending' },
    errors: ['not_found'],
  }),
  previewSeries: operation({
    id: 'previewSeries', method: 'GET', path: '/v1/therapists/{therapistId}/series-preview', auth: 'public', tag: 'Public',
    summary: "Which dates a client's series from `start` would book now and which it would skip, and why; nothing is written",
    params: api.TherapistPath, query: api.SeriesPreviewQuery,
    success: { status: 200, schema: api.SeriesPreviewResponse, description: "The rule's dates, each free or skipped with its reason" },
    errors: ['not_found'],
  }),
  createBooking: operation({
    id: 'createBooking', method: 'POST', path: '/v1/bookings', auth: 'public', tag: 'Public', idempotent: true,
    summary: 'Book a slot for one client (individual) or two (couples); with `repeat`, a series from that slot',
    body: api.CreateBookingBody,
    success: { status: 201, schema: api.CreateBookingResponse, description: 'The booking and its manage token' },
    errors: ['not_found', 'slot_unavailable', 'conflict', 'verification_required', 'payload_too_large', 'rate_limited'],
  }),
  corsPreflight: operation({
    id: 'corsPreflight', method: 'OPTIONS', path: '/{proxy+}', auth: 'public', tag: 'Meta', internal: true,
    summary: 'CORS preflight for the configured origins', success: { status: 204, description: 'Allowed, or not (no CORS headers)' }, errors: [],
  }),
  getPractice: operation({
    id: 'getPractice', method: 'GET', path: '/v1/practice', auth: 'public', tag: 'Public',
    summary: "The practice's name and cancellation policy, as the booking widget shows them",
    success: { status: 200, schema: api.PracticeResponse, description: 'The practice' },
    errors: [],
  }),
  getBooking: operation({
    id: 'getBooking', method: 'GET', path: '/v1/bookings/{bookingId}', auth: 'manage-token', tag: 'Manage',
    summary: 'Read a booking with its manage token',
    params: api.BookingPath,
    success: { status: 200, schema: api.BookingResponse, description: 'The booking' },
    errors: ['forbidden', 'not_found'],
  }),
  cancelBooking: operation({
    id: 'cancelBooking', method: 'POST', path: '/v1/bookings/{bookingId}/cancel', auth: 'manage-token', tag: 'Manage',
    summary: 'Cancel a booking (idempotent)',
    params: api.BookingPath, body: api.CancelBookingBody,
    success: { status: 200, schema: api.BookingResponse, description: 'The cancelled booking' },
    errors: ['forbidden', 'not_found', 'conflict', 'cancellation_window_passed', 'request_expired', 'rate_limited'],
  }),
  rescheduleBooking: operation({
    id: 'rescheduleBooking', method: 'POST', path: '/v1/bookings/{bookingId}/reschedule', auth: 'manage-token', tag: 'Manage',
    summary: 'Move a booking to another offered slot, atomically',
    params: api.BookingPath, body: api.RescheduleBookingBody,
    success: { status: 200, schema: api.BookingResponse, description: 'The moved booking' },
    errors: ['forbidden', 'not_found', 'slot_unavailable', 'conflict', 'request_expired', 'verification_required', 'rate_limited'],
  }),
  verifyBooking: operation({
    id: 'verifyBooking', method: 'POST', path: '/v1/bookings/{bookingId}/verify', auth: 'manage-token', tag: 'Manage',
    summary: 'Confirm a client\'s email address with the token of the emailed link (`#verify=<id>&token=<token>`), as Bearer or `?token=`; once every client has, the session type\'s rules decide',
    params: api.BookingPath,
    success: { status: 200, schema: api.VerifyBookingResponse, description: 'The booking (confirmed, requested, declined by the rules, or still waiting for a partner) and the verifier\'s manage token' },
    errors: ['forbidden', 'conflict', 'request_expired', 'rate_limited'],
  }),
  getSeries: operation({
    id: 'getSeries', method: 'GET', path: '/v1/series/{seriesId}', auth: 'manage-token', tag: 'Manage',
    summary: 'Read a series with the manage token of any of its bookings',
    params: api.SeriesPath,
    success: { status: 200, schema: api.SeriesResponse, description: 'The series' },
    errors: ['forbidden'],
  }),
  cancelSeries: operation({
    id: 'cancelSeries', method: 'POST', path: '/v1/series/{seriesId}/cancel', auth: 'manage-token', tag: 'Manage',
    summary: 'Cancel every occurrence from a date on (default: the next); in refuse mode one inside the late window stays booked',
    params: api.SeriesPath, body: api.CancelSeriesBody,
    success: { status: 200, schema: api.SeriesResponse, description: 'The series, ended: each occurrence shows whether it was cancelled' },
    errors: ['forbidden', 'conflict', 'rate_limited'],
  }),
  getOpenApi: operation({
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', auth: 'public', tag: 'Meta',
    summary: 'This API described as OpenAPI 3.1',
    success: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' },
    errors: [],
  }),
  getCalendarFeed: operation({
    id: 'getCalendarFeed', method: 'GET', path: '/v1/calendar-feeds/{therapistId}/{feedToken}', auth: 'public', tag: 'Public', raw: true,
    summary: "A therapist's upcoming bookings as an iCalendar subscription (the secret URL from GET /v1/me/calendar-feed)",
    params: api.CalendarFeedPath,
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar' },
    errors: ['not_found'],
  }),

  // ---- Therapist: signed in, own data only ----
  getMe: operation({
    id: 'getMe', method: 'GET', path: '/v1/me', auth: 'therapist', tag: 'Therapist', summary: "The signed-in therapist's profile",
    success: { status: 200, schema: api.TherapistResponse, description: 'The profile' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  putMe: operation({
    id: 'putMe', method: 'PUT', path: '/v1/me', auth: 'therapist', tag: 'Therapist', summary: 'Update name, email and bio', body: api.ProfileBody,
    success: { status: 200, schema: api.TherapistResponse, description: 'The profile' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  getSchedule: operation({
    id: 'getSchedule', method: 'GET', path: '/v1/me/schedule', auth: 'therapist', tag: 'Therapist', summary: 'Weekly hours and booking rules',
    success: { status: 200, schema: api.ScheduleResponse, description: 'The schedule' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  putSchedule: operation({
    id: 'putSchedule', method: 'PUT', path: '/v1/me/schedule', auth: 'therapist', tag: 'Therapist', body: api.ScheduleBody,
    summary: 'Replace weekly hours and rules; existing bookings are kept as they are',
    success: { status: 200, schema: api.ScheduleResponse, description: 'The schedule' }, errors: ['unauthorized', 'forbidden'],
  }),
  previewSchedule: operation({
    id: 'previewSchedule', method: 'POST', path: '/v1/me/schedule/preview', auth: 'therapist', tag: 'Therapist', body: api.SchedulePreviewBody,
    summary: 'The slots an unsaved schedule would offer beside the current ones (nothing is saved)',
    success: { status: 200, schema: api.SchedulePreviewResponse, description: 'Both slot lists' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  listOverrides: operation({
    id: 'listOverrides', method: 'GET', path: '/v1/me/overrides', auth: 'therapist', tag: 'Therapist', summary: 'Dates whose hours differ from the week',
    success: { status: 200, schema: api.OverridesResponse, description: 'The overrides' }, errors: ['unauthorized', 'forbidden'],
  }),
  putOverride: operation({
    id: 'putOverride', method: 'POST', path: '/v1/me/overrides', auth: 'therapist', tag: 'Therapist', body: api.OverrideBody,
    summary: "Replace one date's hours (no intervals: a day off)",
    success: { status: 201, schema: api.OverrideResponse, description: 'The override' }, errors: ['unauthorized', 'forbidden'],
  }),
  deleteOverride: operation({
    id: 'deleteOverride', method: 'DELETE', path: '/v1/me/overrides/{date}', auth: 'therapist', tag: 'Therapist', params: api.OverridePath,
    summary: 'Give a date its weekly hours back', success: { status: 204, description: 'Removed' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  listTimeOff: operation({
    id: 'listTimeOff', method: 'GET', path: '/v1/me/time-off', auth: 'therapist', tag: 'Therapist', summary: 'Absences',
    success: { status: 200, schema: api.TimeOffListResponse, description: 'The absences' }, errors: ['unauthorized', 'forbidden'],
  }),
  createTimeOff: operation({
    id: 'createTimeOff', method: 'POST', path: '/v1/me/time-off', auth: 'therapist', tag: 'Therapist', body: api.TimeOffBody,
    summary: 'Add an absence between two instants', success: { status: 201, schema: api.TimeOffResponse, description: 'The absence' },
    errors: ['unauthorized', 'forbidden'],
  }),
  deleteTimeOff: operation({
    id: 'deleteTimeOff', method: 'DELETE', path: '/v1/me/time-off/{id}', auth: 'therapist', tag: 'Therapist', params: api.IdPath,
    summary: 'Remove an absence', success: { status: 204, description: 'Removed' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  listMyCalendars: operation({
    id: 'listMyCalendars', method: 'GET', path: '/v1/me/calendars', auth: 'therapist', tag: 'Therapist', summary: 'Other calendars whose busy time blocks slots',
    success: { status: 200, schema: api.CalendarListResponse, description: 'The calendars (never a password)' }, errors: ['unauthorized', 'forbidden'],
  }),
  createMyCalendar: operation({
    id: 'createMyCalendar', method: 'POST', path: '/v1/me/calendars', auth: 'therapist', tag: 'Therapist', body: api.CalendarBody,
    summary: 'Add an ICS feed or a CalDAV calendar (at most 10); it is read on the next sync',
    success: { status: 201, schema: api.CalendarResponse, description: 'The calendar, pending its first sync' },
    errors: ['unauthorized', 'forbidden', 'conflict'],
  }),
  deleteMyCalendar: operation({
    id: 'deleteMyCalendar', method: 'DELETE', path: '/v1/me/calendars/{id}', auth: 'therapist', tag: 'Therapist', params: api.IdPath,
    summary: 'Remove a calendar and the busy time it blocked', success: { status: 204, description: 'Removed' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  syncMyCalendar: operation({
    id: 'syncMyCalendar', method: 'POST', path: '/v1/me/calendars/{id}/sync', auth: 'therapist', tag: 'Therapist', params: api.IdPath,
    summary: 'Read a calendar now', success: { status: 200, schema: api.CalendarResponse, description: 'The calendar after the read (ok, or failing with lastError)' },
    errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  getMyBusy: operation({
    id: 'getMyBusy', method: 'GET', path: '/v1/me/busy', auth: 'therapist', tag: 'Therapist', query: api.BusyQuery,
    summary: "Busy time from the other calendars in [from, to) (at most 62 days), with each calendar's label only",
    success: { status: 200, schema: api.BusyResponse, description: 'The busy intervals, ascending' }, errors: ['unauthorized', 'forbidden'],
  }),
  listSessionTypes: operation({
    id: 'listSessionTypes', method: 'GET', path: '/v1/me/session-types', auth: 'therapist', tag: 'Therapist', summary: 'Session types, hidden ones included',
    success: { status: 200, schema: api.SessionTypesResponse, description: 'The session types' }, errors: ['unauthorized', 'forbidden'],
  }),
  createSessionType: operation({
    id: 'createSessionType', method: 'POST', path: '/v1/me/session-types', auth: 'therapist', tag: 'Therapist', body: api.SessionTypeBody,
    summary: 'Add a session type', success: { status: 201, schema: api.SessionTypeResponse, description: 'The session type' },
    errors: ['unauthorized', 'forbidden', 'conflict'],
  }),
  updateSessionType: operation({
    id: 'updateSessionType', method: 'PUT', path: '/v1/me/session-types/{id}', auth: 'therapist', tag: 'Therapist', params: api.IdPath,
    body: api.SessionTypeUpdateBody, summary: 'Change or hide a session type (booked sessions keep their time and length)',
    success: { status: 200, schema: api.SessionTypeResponse, description: 'The session type' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  deleteSessionType: operation({
    id: 'deleteSessionType', method: 'DELETE', path: '/v1/me/session-types/{id}', auth: 'therapist', tag: 'Therapist', params: api.IdPath,
    summary: 'Delete a session type without future bookings (hide it otherwise)', success: { status: 204, description: 'Deleted' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  }),
  listMyBookings: operation({
    id: 'listMyBookings', method: 'GET', path: '/v1/me/bookings', auth: 'therapist', tag: 'Therapist', query: api.MyBookingsQuery,
    summary: "The therapist's bookings by start date, with clients' notes", success: { status: 200, schema: api.MyBookingsResponse, description: 'The bookings' },
    errors: ['unauthorized', 'forbidden'],
  }),
  cancelMyBooking: operation({
    id: 'cancelMyBooking', method: 'POST', path: '/v1/me/bookings/{bookingId}/cancel', auth: 'therapist', tag: 'Therapist', params: api.BookingPath,
    body: api.CancelBookingBody, summary: "Cancel a client's booking (the clients are told by email)",
    success: { status: 200, schema: api.TherapistBookingResponse, description: 'The cancelled booking' }, errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  }),
  approveMyBooking: operation({
    id: 'approveMyBooking', method: 'POST', path: '/v1/me/bookings/{bookingId}/approve', auth: 'therapist', tag: 'Therapist', params: api.BookingPath,
    summary: 'Approve a request: it becomes confirmed and the clients are told (idempotent)',
    success: { status: 200, schema: api.TherapistBookingResponse, description: 'The confirmed booking' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict', 'request_expired', 'verification_required', 'rate_limited'],
  }),
  declineMyBooking: operation({
    id: 'declineMyBooking', method: 'POST', path: '/v1/me/bookings/{bookingId}/decline', auth: 'therapist', tag: 'Therapist', params: api.BookingPath,
    body: api.DeclineBookingBody, summary: 'Decline a request: the time is free again and the clients are told (idempotent)',
    success: { status: 200, schema: api.TherapistBookingResponse, description: 'The declined booking' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict', 'request_expired', 'verification_required', 'rate_limited'],
  }),
  listMySeries: operation({
    id: 'listMySeries', method: 'GET', path: '/v1/me/series', auth: 'therapist', tag: 'Therapist', summary: "The therapist's series, with their occurrences",
    success: { status: 200, schema: api.MySeriesListResponse, description: 'The series' }, errors: ['unauthorized', 'forbidden'],
  }),
  createMySeries: operation({
    id: 'createMySeries', method: 'POST', path: '/v1/me/series', auth: 'therapist', tag: 'Therapist', body: api.CreateSeriesBody, idempotent: true,
    summary: 'Set up a series for a client from a free slot (hours, overrides, time off, buffers and bookings apply; notice and horizon do not)',
    success: { status: 201, schema: api.MySeriesResponse, description: 'The series: weeks that are not free are skipped with their reason' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'slot_unavailable', 'conflict', 'payload_too_large', 'rate_limited'],
  }),
  getMySeries: operation({
    id: 'getMySeries', method: 'GET', path: '/v1/me/series/{id}', auth: 'therapist', tag: 'Therapist', params: api.MySeriesPath,
    summary: 'One series', success: { status: 200, schema: api.MySeriesResponse, description: 'The series' }, errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  endMySeries: operation({
    id: 'endMySeries', method: 'POST', path: '/v1/me/series/{id}/end', auth: 'therapist', tag: 'Therapist', params: api.MySeriesPath, body: api.EndSeriesBody,
    summary: 'End a series: cancel every occurrence from a date on (the clients are told by email)',
    success: { status: 200, schema: api.MySeriesResponse, description: 'The ended series' }, errors: ['unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited'],
  }),
  rescheduleMySeries: operation({
    id: 'rescheduleMySeries', method: 'POST', path: '/v1/me/series/{id}/reschedule', auth: 'therapist', tag: 'Therapist', params: api.MySeriesPath,
    body: api.RescheduleSeriesBody, summary: 'Move every occurrence from a date on to a new weekday and time, each atomically',
    success: { status: 200, schema: api.RescheduleSeriesResponse, description: 'The series, and the occurrences that could not move (they keep their time)' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'slot_unavailable', 'conflict', 'rate_limited'],
  }),
  placeMySeriesOccurrence: operation({
    id: 'placeMySeriesOccurrence', method: 'POST', path: '/v1/me/series/{id}/occurrences/{index}/place', auth: 'therapist', tag: 'Therapist',
    params: api.MySeriesOccurrencePath, body: api.PlaceOccurrenceBody,
    summary: 'Book a skipped week of a series by hand, at a free time in that week (hours, overrides, time off, buffers and bookings apply; notice and horizon do not)',
    success: { status: 200, schema: api.MySeriesResponse, description: 'The series, the week booked at its new time (the clients are told by email)' },
    errors: ['unauthorized', 'forbidden', 'not_found', 'slot_unavailable', 'conflict', 'rate_limited'],
  }),
  getCalendarFeedUrl: operation({
    id: 'getCalendarFeedUrl', method: 'GET', path: '/v1/me/calendar-feed', auth: 'therapist', tag: 'Therapist',
    summary: 'The secret calendar subscription URL', success: { status: 200, schema: api.CalendarFeedResponse, description: 'The URL' }, errors: ['unauthorized', 'forbidden'],
  }),
  rotateCalendarFeed: operation({
    id: 'rotateCalendarFeed', method: 'POST', path: '/v1/me/calendar-feed/rotate', auth: 'therapist', tag: 'Therapist',
    summary: 'Revoke the subscription URL and make a new one', success: { status: 200, schema: api.CalendarFeedResponse, description: 'The new URL' },
    errors: ['unauthorized', 'forbidden'],
  }),

  // ---- Practice admin ----
  listTherapistsAdmin: operation({
    id: 'listTherapistsAdmin', method: 'GET', path: '/v1/admin/therapists', auth: 'admin', tag: 'Admin', summary: 'Every therapist, inactive ones included',
    success: { status: 200, schema: api.TherapistsAdminResponse, description: 'The therapists' }, errors: ['unauthorized', 'forbidden'],
  }),
  createTherapist: operation({
    id: 'createTherapist', method: 'POST', path: '/v1/admin/therapists', auth: 'admin', tag: 'Admin', body: api.AdminTherapistBody,
    summary: 'Add a therapist (in AWS also their sign-in)', success: { status: 201, schema: api.TherapistResponse, description: 'The therapist' },
    errors: ['unauthorized', 'forbidden', 'conflict'],
  }),
  updateTherapist: operation({
    id: 'updateTherapist', method: 'PUT', path: '/v1/admin/therapists/{therapistId}', auth: 'admin', tag: 'Admin', params: api.TherapistPathAdmin,
    body: api.AdminTherapistUpdateBody, summary: 'Change a therapist', success: { status: 200, schema: api.TherapistResponse, description: 'The therapist' },
    errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  deactivateTherapist: operation({
    id: 'deactivateTherapist', method: 'DELETE', path: '/v1/admin/therapists/{therapistId}', auth: 'admin', tag: 'Admin', params: api.TherapistPathAdmin,
    summary: 'Deactivate a therapist (their bookings stay)', success: { status: 200, schema: api.TherapistResponse, description: 'The deactivated therapist' },
    errors: ['unauthorized', 'forbidden', 'not_found'],
  }),
  getSettings: operation({
    id: 'getSettings', method: 'GET', path: '/v1/admin/settings', auth: 'admin', tag: 'Admin', summary: 'Practice settings',
    success: { status: 200, schema: api.SettingsResponse, description: 'The settings' }, errors: ['unauthorized', 'forbidden'],
  }),
  putSettings: operation({
    id: 'putSettings', method: 'PUT', path: '/v1/admin/settings', auth: 'admin', tag: 'Admin', body: api.SettingsBody,
    summary: 'Change practice settings (fields left out keep their values)', success: { status: 200, schema: api.SettingsResponse, description: 'The settings' },
    errors: ['unauthorized', 'forbidden'],
  }),
  listAuditEntries: operation({
    id: 'listAuditEntries', method: 'GET', path: '/v1/admin/audit', auth: 'admin', tag: 'Admin', query: api.AuditQuery,
    summary: 'The audit log: every therapist and admin change (who, what, which id, when), newest first; read only, kept for the retention setting',
    success: { status: 200, schema: api.AuditResponse, description: 'Entries of the range, newest first, a page at a time' },
    errors: ['unauthorized', 'forbidden'],
  }),
  eraseClient: operation({
    id: 'eraseClient', method: 'POST', path: '/v1/admin/clients/erase', auth: 'admin', tag: 'Admin', body: api.EraseClientBody,
    summary: "Erase a client: their names, addresses, phones and notes leave every booking; the slots stay blocked",
    success: { status: 200, schema: api.EraseClientResponse, description: 'How many bookings were anonymised' },
    errors: ['unauthorized', 'forbidden'],
  }),
  exportPractice: operation({
    id: 'exportPractice', method: 'GET', path: '/v1/admin/export', auth: 'admin', tag: 'Admin', query: api.ExportQuery,
    summary: "The practice's data, a page at a time: therapists, schedules, overrides, time off, session types, bookings, series, settings",
    success: { status: 200, schema: api.ExportResponse, description: 'One page; follow nextCursor for the rest' },
    errors: ['unauthorized', 'forbidden'],
  }),
} as const;

export type OperationId = keyof typeof OPERATIONS;
