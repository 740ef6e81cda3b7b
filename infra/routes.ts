import { areaOf, type Area } from '../shared/http/areas';
import { OPERATIONS, type OperationId } from '../shared/http/operations';

/** How API Gateway (and the local gateway) guards a route before the handler runs: `jwt` routes
 * need a valid user-pool token; the handler then checks the therapist or the admin group. */
export type RouteAuth = 'none' | 'jwt';

export interface Route {
  operationId: OperationId;
  method: string;
  path: string;
  /** The operation's own handler source, relative to the repository root; it exports `handler`. */
  handler: string;
  auth: RouteAuth;
  /** The function that serves the route: its area's router, which calls `handler` (decision 34). */
  area: Area;
  areaHandler: string;
}

/** The router of each area: functions/http/areas/<area>.ts, one deployed function each. */
export const areaHandlerOf = (area: Area): string => `functions/http/areas/${area}.ts`;

const HANDLERS: Record<OperationId, string> = {
  listTherapists: 'functions/http/list-therapists.ts',
  getAvailability: 'functions/http/get-availability.ts',
  previewSeries: 'functions/http/preview-series.ts',
  createBooking: 'functions/http/create-booking.ts',
  corsPreflight: 'functions/http/cors-preflight.ts',
  getPractice: 'functions/http/get-practice.ts',
  getBooking: 'functions/http/get-booking.ts',
  cancelBooking: 'functions/http/cancel-booking.ts',
  rescheduleBooking: 'functions/http/reschedule-booking.ts',
  verifyBooking: 'functions/http/verify-booking.ts',
  getSeries: 'functions/http/get-series.ts',
  cancelSeries: 'functions/http/cancel-series.ts',
  getOpenApi: 'functions/http/get-openapi.ts',
  getCalendarFeed: 'functions/http/get-calendar-feed.ts',
  getMe: 'functions/http/get-me.ts',
  putMe: 'functions/http/put-me.ts',
  getSchedule: 'functions/http/get-schedule.ts',
  putSchedule: 'functions/http/put-schedule.ts',
  previewSchedule: 'functions/http/preview-schedule.ts',
  listOverrides: 'functions/http/list-overrides.ts',
  putOverride: 'functions/http/put-override.ts',
  deleteOverride: 'functions/http/delete-override.ts',
  listTimeOff: 'functions/http/list-time-off.ts',
  createTimeOff: 'functions/http/create-time-off.ts',
  deleteTimeOff: 'functions/http/delete-time-off.ts',
  listMyCalendars: 'functions/http/list-my-calendars.ts',
  createMyCalendar: 'functions/http/create-my-calendar.ts',
  deleteMyCalendar: 'functions/http/delete-my-calendar.ts',
  syncMyCalendar: 'functions/http/sync-my-calendar.ts',
  getMyBusy: 'functions/http/get-my-busy.ts',
  listSessionTypes: 'functions/http/list-session-types.ts',
  createSessionType: 'functions/http/create-session-type.ts',
  updateSessionType: 'functions/http/update-session-type.ts',
  deleteSessionType: 'functions/http/delete-session-type.ts',
  listMyBookings: 'functions/http/list-my-bookings.ts',
  cancelMyBooking: 'functions/http/cancel-my-booking.ts',
  approveMyBooking: 'functions/http/approve-my-booking.ts',
  declineMyBooking: 'functions/http/decline-my-booking.ts',
  listMySeries: 'functions/http/list-my-series.ts',
  createMySeries: 'functions/http/create-my-series.ts',
  getMySeries: 'functions/http/get-my-series.ts',
  endMySeries: 'functions/http/end-my-series.ts',
  rescheduleMySeries: 'functions/http/reschedule-my-series.ts',
  placeMySeriesOccurrence: 'functions/http/place-my-series-occurrence.ts',
  getCalendarFeedUrl: 'functions/http/get-calendar-feed-url.ts',
  rotateCalendarFeed: 'functions/http/rotate-calendar-feed.ts',
  listTherapistsAdmin: 'functions/http/list-therapists-admin.ts',
  createTherapist: 'functions/http/create-therapist.ts',
  updateTherapist: 'functions/http/update-therapist.ts',
  deactivateTherapist: 'functions/http/deactivate-therapist.ts',
  getSettings: 'functions/http/get-settings.ts',
  putSettings: 'functions/http/put-settings.ts',
  listAuditEntries: 'functions/http/list-audit-entries.ts',
  eraseClient: 'functions/http/erase-client.ts',
  exportPractice: 'functions/http/export-practice.ts',
};

/**
 * The one route table: the CDK stack and the local gateway both build their routes from it.
 * Manage-token routes are `none` at the gateway: the handler checks the token (it is not a JWT).
 */
export const ROUTES: Route[] = (Object.keys(OPERATIONS) as OperationId[]).map((operationId) => {
  const op = OPERATIONS[operationId];
  return {
    operationId,
    method: op.method,
    path: op.path,
    handler: HANDLERS[operationId],
    auth: op.auth === 'therapist' || op.auth === 'admin' ? 'jwt' : 'none',
    area: areaOf(op),
    areaHandler: areaHandlerOf(areaOf(op)),
  };
});
