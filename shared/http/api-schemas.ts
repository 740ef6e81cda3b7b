import { z } from 'zod';
import { CalendarDate, Instant, TimeZoneName } from '../domain/schedule';
import { Modality, SessionKind, Slug } from '../domain/therapist';

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
  name: z.string().trim().min(1, 'is required').max(100),
  email: z.email('must be an email address').max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')
    .optional(),
});

export const CreateBookingBody = z.object({
  therapistId: Slug,
  sessionTypeId: Slug,
  start: Instant,
  timeZone: TimeZoneName.describe("The client's IANA zone: times in emails and responses use it."),
  clients: z.array(ClientInput).min(1, 'at least one client is required').max(2, 'at most two clients'),
  note: z.string().max(1000, 'must be at most 1000 characters').optional(),
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
    clients: z.array(z.object({ name: z.string(), email: z.string(), phone: z.string().optional() })),
    lateCancellation: z.boolean().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });

export const CreateBookingResponse = z.object({ booking: BookingView, manageToken: z.string() });
export const BookingResponse = z.object({ booking: BookingView });
export const CancelBookingBody = z.object({ reason: z.string().max(500).optional() });
export const RescheduleBookingBody = z.object({ start: Instant });
