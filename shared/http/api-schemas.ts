import { z } from 'zod';
import { PracticeSettings } from '../domain/practice-settings';
import { CalendarDate, DateOverride, Instant, TimeOffInput, TimeZoneName, WeeklySchedule } from '../domain/schedule';
import { Modality, SessionKind, SessionType, Slug } from '../domain/therapist';
import { multiLine, singleLine } from '../domain/text';

/**
 * The zod schemas of the public HTTP contract (API.md). Handlers validate with these and the
 * OpenAPI document is generated from these, so the two cannot drift.
 */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const PublicSessionType = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: SessionKind,
    durationMinutes: z.number().int(),
    modality: Modality,
    description: z.string().optional(),
  })
  .meta({ id: 'SessionType' });

export const TherapistListResponse = z.object({
  therapists: z.array(
    z.object({ id: z.string(), displayName: z.string(), bio: z.string().optional(), timeZone: z.string(), sessionTypes: z.array(PublicSessionType) }),
  ),
});

export const TherapistPath = z.object({ therapistId: Slug });
export const BookingPath = z.object({ bookingId: z.string().uuid('must be a booking id') });

export const AvailabilityQuery = z.object({
  sessionTypeId: Slug,
  from: CalendarDate,
  to: CalendarDate,
  timeZone: TimeZoneName.optional().describe("The client's IANA zone; default: the therapist's."),
});

const SlotView = z.object({ start: z.string(), end: z.string() });
export const AvailabilityResponse = z.object({
  therapistId: z.string(),
  sessionTypeId: z.string(),
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), slots: z.array(SlotView) })),
});

export const ClientInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100).check(singleLine),
  email: z.email('must be an email address').max(254).check(singleLine),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')
    .check(singleLine)
    .optional(),
});

export const CreateBookingBody = z.object({
  therapistId: Slug,
  sessionTypeId: Slug,
  start: Instant,
  timeZone: TimeZoneName.describe("The client's IANA zone: times in emails and responses use it."),
  clients: z.array(ClientInput).min(1, 'at least one client is required').max(2, 'at most two clients'),
  note: z.string().max(1000, 'must be at most 1000 characters').check(multiLine).optional(),
  policyAccepted: z.literal(true, { message: 'the cancellation policy must be accepted' }),
});

export const BookingView = z
  .object({
    id: z.string(),
    status: z.enum(['confirmed', 'cancelled']),
    therapistId: z.string(),
    sessionTypeId: z.string(),
    start: z.string().describe("In the booking's time zone, with its offset."),
    end: z.string(),
    timeZone: z.string(),
    clients: z
      .array(z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() }))
      .describe("In a client's manage view: their own name, email and phone; a partner by first name only."),
    lateCancellation: z.boolean().optional(),
    lateChange: z.boolean().optional().describe("Moved by the client inside the practice's late-cancellation window (flag mode)"),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });

export const CreateBookingResponse = z.object({
  booking: BookingView,
  manageToken: z.string().describe("The first client's manage token (the same as manageTokens[0])."),
  manageTokens: z.array(z.string()).describe('One manage token per client, in client order; each opens the booking as that client.'),
});
export const BookingResponse = z.object({ booking: BookingView });
export const CancelBookingBody = z.object({ reason: z.string().max(500).check(multiLine).optional() });
export const RescheduleBookingBody = z.object({ start: Instant });

// ---- Therapist (signed in) ----

export const TherapistView = z
  .object({ id: z.string(), displayName: z.string(), email: z.string(), bio: z.string().optional(), timeZone: z.string(), active: z.boolean() })
  .meta({ id: 'Therapist' });
export const TherapistResponse = z.object({ therapist: TherapistView });
export const ProfileBody = z.object({
  displayName: z.string().trim().min(1).max(100).check(singleLine),
  email: z.email().max(254).check(singleLine),
  bio: z.string().trim().max(2000).check(multiLine).optional(),
});

export const ScheduleBody = WeeklySchedule;
export const OverrideBody = DateOverride;
export const TimeOffBody = TimeOffInput;
export const ScheduleResponse = z.object({ schedule: WeeklySchedule });
export const OverridesResponse = z.object({ overrides: z.array(z.object({ date: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) })) });
export const OverrideResponse = z.object({ override: z.object({ date: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) }) });
export const OverridePath = z.object({ date: CalendarDate });
const TimeOffView = z.object({ id: z.string(), start: z.string(), end: z.string(), label: z.string().optional() });
export const TimeOffListResponse = z.object({ timeOff: z.array(TimeOffView) });
export const TimeOffResponse = z.object({ timeOff: TimeOffView });
export const IdPath = z.object({ id: z.string().min(1).max(80).check(singleLine) });

export const SessionTypeBody = SessionType.extend({ id: Slug.optional() });
export const SessionTypeUpdateBody = SessionType.omit({ id: true });
const SessionTypeView = PublicSessionType.extend({ hidden: z.boolean().optional() });
export const SessionTypesResponse = z.object({ sessionTypes: z.array(SessionTypeView) });
export const SessionTypeResponse = z.object({ sessionType: SessionTypeView });

export const MyBookingsQuery = z.object({
  from: CalendarDate.optional().describe("First date, in the therapist's zone (default: today)"),
  to: CalendarDate.optional().describe('Last date, inclusive (default: 30 days after from)'),
});
const Actor = z.enum(['client', 'therapist']);
const ClientIndex = z.number().int().min(0).describe('Index in clients of the partner whose own manage link did it; absent when not known.');
export const TherapistBookingView = BookingView.extend({
  note: z.string().optional(),
  cancelReason: z.string().optional(),
  cancelledBy: Actor.optional(),
  cancelledByClient: ClientIndex.optional(),
  rescheduledBy: Actor.optional().describe('Who moved the booking last.'),
  rescheduledByClient: ClientIndex.optional(),
  clients: z.array(z.object({
    name: z.string(),
    email: z.string(),
    phone: z.string().optional(),
    deliveryProblem: z.boolean().optional().describe("True when this client's email bounced or they reported it as spam: reach them another way"),
  })),
});
export const MyBookingsResponse = z.object({ bookings: z.array(TherapistBookingView) });
export const TherapistBookingResponse = z.object({ booking: TherapistBookingView });
export const CalendarFeedResponse = z.object({ url: z.string().describe('A secret .ics subscription URL; POST …/rotate revokes it') });
export const CalendarFeedPath = z.object({ therapistId: Slug, feedToken: z.string().min(10).max(200).check(singleLine) });

// ---- Practice admin ----

export const AdminTherapistBody = z.object({
  id: Slug.optional(),
  displayName: z.string().trim().min(1).max(100).check(singleLine),
  email: z.email().max(254).check(singleLine),
  timeZone: TimeZoneName,
  bio: z.string().trim().max(2000).check(multiLine).optional(),
});
export const AdminTherapistUpdateBody = AdminTherapistBody.omit({ id: true }).extend({ active: z.boolean().optional() });
export const TherapistsAdminResponse = z.object({ therapists: z.array(TherapistView) });
export const TherapistPathAdmin = z.object({ therapistId: Slug });
/** PUT takes any subset of the settings; the rest keep their values. */
export const SettingsBody = PracticeSettings.partial();
export const SettingsResponse = z.object({ settings: PracticeSettings });

// ---- Practice (public) ----

export const PracticeResponse = z.object({
  practice: z.object({
    name: z.string(),
    cancellationPolicy: z.string().describe('Shown to clients before they book'),
    lateCancellationHours: z.number().int(),
    lateCancellationMode: z.enum(['refuse', 'flag']),
  }),
});
