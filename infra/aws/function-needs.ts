import { CALENDAR_SYNC, EVENT_CATALOG, HOLD_SWEEP, REMINDER_SWEEP, SERIES_EXTENSION, STREAM_PUBLISHER } from '../../events/catalog';
import { operationsOf, type Area } from '../../shared/http/areas';
import type { OperationId } from '../../shared/http/operations';

/**
 * What each function may touch, and nothing more: the stack turns this into IAM statements, and
 * the infra tests check the template against it. `write` includes `read`.
 */
export interface FunctionNeeds {
  table: 'none' | 'read' | 'write';
  /** Reads the whole table with Scan (issue 17: a client's erasure and the practice's export, decision 139). */
  scan?: boolean;
  /** Signs or checks manage tokens or calendar-feed URLs. */
  manageTokenSecret?: boolean;
  sendEmail?: boolean;
  publishEvents?: boolean;
  /** Creates, links, disables, enables therapists' sign-ins and moves their email (shared/identity). */
  cognito?: CognitoAction[];
  /** Seals (Encrypt) or opens (Decrypt) calendar passwords with the calendar key (issue 15, decision 94). */
  calendarKey?: CalendarKeyAction[];
}

export type CalendarKeyAction = 'kms:Encrypt' | 'kms:Decrypt';

type CognitoAction =
  | 'cognito-idp:AdminCreateUser' | 'cognito-idp:AdminAddUserToGroup' | 'cognito-idp:AdminDeleteUser' | 'cognito-idp:ListUsers'
  | 'cognito-idp:AdminUpdateUserAttributes' | 'cognito-idp:AdminDisableUser' | 'cognito-idp:AdminEnableUser';

const read: FunctionNeeds = { table: 'read' };
const write: FunctionNeeds = { table: 'write' };

export const HTTP_FUNCTION_NEEDS: Record<OperationId, FunctionNeeds> = {
  listTherapists: read,
  getAvailability: read,
  previewSeries: read,
  createBooking: { table: 'write', manageTokenSecret: true },
  getBooking: { table: 'read', manageTokenSecret: true },
  cancelBooking: { table: 'write', manageTokenSecret: true },
  rescheduleBooking: { table: 'write', manageTokenSecret: true },
  // Checks the verify token and signs the verifier's manage token; the rules read the client history (hashed with the secret).
  verifyBooking: { table: 'write', manageTokenSecret: true },
  getSeries: { table: 'read', manageTokenSecret: true },
  cancelSeries: { table: 'write', manageTokenSecret: true },
  getOpenApi: { table: 'none' },
  corsPreflight: read,
  getPractice: read,
  getCalendarFeed: { table: 'read', manageTokenSecret: true },
  getMe: read,
  putMe: { table: 'write', cognito: ['cognito-idp:AdminUpdateUserAttributes'] }, // the email follows the profile
  getSchedule: read,
  putSchedule: write,
  previewSchedule: read, // a preview writes nothing (decision 53)
  listOverrides: read,
  putOverride: write,
  deleteOverride: write,
  listTimeOff: read,
  createTimeOff: write,
  deleteTimeOff: write,
  listSessionTypes: read,
  createSessionType: write,
  updateSessionType: write,
  deleteSessionType: write,
  listMyBookings: read,
  cancelMyBooking: write,
  approveMyBooking: write,
  declineMyBooking: write,
  listMySeries: read,
  createMySeries: write,
  getMySeries: read,
  endMySeries: write,
  rescheduleMySeries: write,
  placeMySeriesOccurrence: write,
  getCalendarFeedUrl: { table: 'read', manageTokenSecret: true },
  rotateCalendarFeed: { table: 'write', manageTokenSecret: true },
  listMyCalendars: read,
  createMyCalendar: { table: 'write', calendarKey: ['kms:Encrypt'] }, // seals the CalDAV password before it is stored
  deleteMyCalendar: write,
  syncMyCalendar: { table: 'write', calendarKey: ['kms:Decrypt'] }, // no email: the scheduled sync tells of a failing spell
  getMyBusy: read,
  listTherapistsAdmin: read,
  // ListUsers + AdminUpdateUserAttributes: link the existing sign-in of the email (the owner);
  // AdminDeleteUser: undo a sign-in just made when adding it to the group fails.
  createTherapist: {
    table: 'write',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDeleteUser', 'cognito-idp:ListUsers', 'cognito-idp:AdminUpdateUserAttributes'],
  },
  updateTherapist: { table: 'write', cognito: ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminDisableUser'] },
  deactivateTherapist: { table: 'write', cognito: ['cognito-idp:AdminDisableUser'] },
  getSettings: read,
  putSettings: write,
  listAuditEntries: read,
  // No index leads from an address to its bookings, and an export reads every item: both scan.
  eraseClient: { table: 'write', scan: true, manageTokenSecret: true }, // hashes the address as the history, suppression and audit target do
  exportPractice: { table: 'write', scan: true }, // writes nothing but its audit entry
};

/** Everything any of the operations needs: what one function serving all of them must be given. */
export function unionOfNeeds(all: FunctionNeeds[]): FunctionNeeds {
  const table = all.some((n) => n.table === 'write') ? 'write' : all.some((n) => n.table === 'read') ? 'read' : 'none';
  const cognito = [...new Set(all.flatMap((n) => n.cognito ?? []))];
  const calendarKey = [...new Set(all.flatMap((n) => n.calendarKey ?? []))].sort();
  return {
    table,
    ...(all.some((n) => n.scan) ? { scan: true } : {}),
    ...(all.some((n) => n.manageTokenSecret) ? { manageTokenSecret: true } : {}),
    ...(all.some((n) => n.sendEmail) ? { sendEmail: true } : {}),
    ...(all.some((n) => n.publishEvents) ? { publishEvents: true } : {}),
    ...(cognito.length ? { cognito } : {}),
    ...(calendarKey.length ? { calendarKey } : {}),
  };
}

/**
 * One function serves each area (decision 34), so it gets what any of the area's operations
 * needs: the therapist area may sign calendar-feed URLs, only the admin area may touch sign-ins.
 */
export const areaNeeds = (area: Area): FunctionNeeds => unionOfNeeds(operationsOf(area).map((id) => HTTP_FUNCTION_NEEDS[id]));

type ConsumerName = (typeof EVENT_CATALOG)[number]['name'];

export const EVENT_FUNCTION_NEEDS: Record<ConsumerName, FunctionNeeds> & Record<string, FunctionNeeds> = {
  [STREAM_PUBLISHER.name]: { table: 'none', publishEvents: true }, // the stream itself is granted by its event source
  'send-booking-notifications': { table: 'write', sendEmail: true, manageTokenSecret: true },
  'schedule-reminders': write,
  'record-client-history': { table: 'write', manageTokenSecret: true }, // the history is keyed by an HMAC of the address
  // Reads the booking and the therapist's calendar sources, and opens their passwords to write to them (decision 100).
  'write-calendar-bookings': { table: 'read', calendarKey: ['kms:Decrypt'] },
  'send-reminder': { table: 'write', sendEmail: true, manageTokenSecret: true },
  [REMINDER_SWEEP.name]: { table: 'write', publishEvents: true },
  // Its expiries reach the bus through the table's stream, like any other booking change.
  [HOLD_SWEEP.name]: write,
  // Its bookings reach the bus through the table's stream, like any other booking.
  [SERIES_EXTENSION.name]: write,
  // Opens passwords to read CalDAV calendars, and emails a therapist once per failing spell (deliverOnce hashes with the secret).
  [CALENDAR_SYNC.name]: { table: 'write', calendarKey: ['kms:Decrypt'], sendEmail: true, manageTokenSecret: true },
  'record-email-feedback': write, // suppressions and delivery problems; tags carry the hashes, so no secret
};

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
/** Only for functions whose needs say `scan`: on the table, not its indexes. */
export const TABLE_SCAN_ACTIONS = ['dynamodb:Scan'];
/** Reading a table encrypted with a customer-managed key needs Decrypt; writing also Encrypt and data keys. */
export const KMS_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KMS_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];
