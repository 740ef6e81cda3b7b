import type { z } from 'zod';
import * as api from './api-schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Who may call: anyone; the holder of a booking's manage token; a signed-in therapist; a practice admin. */
export type OperationAuth = 'public' | 'manage-token' | 'therapist' | 'admin';

export interface Operation<
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
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
  success: { status: number; schema?: z.ZodType; contentType?: string; description: string };
  /** Error codes this operation can answer besides validation_failed and internal. */
  errors: Array<'unauthorized' | 'forbidden' | 'not_found' | 'slot_unavailable' | 'conflict' | 'cancellation_window_passed' | 'payload_too_large' | 'rate_limited'>;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
}

function operation<Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
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
  createBooking: operation({
    id: 'createBooking', method: 'POST', path: '/v1/bookings', auth: 'public', tag: 'Public', idempotent: true,
    summary: 'Book a slot for one client (individual) or two (couples)',
    body: api.CreateBookingBody,
    success: { status: 201, schema: api.CreateBookingResponse, description: 'The booking and its manage token' },
    errors: ['not_found', 'slot_unavailable', 'conflict', 'payload_too_large', 'rate_limited'],
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
    errors: ['forbidden', 'not_found', 'conflict', 'cancellation_window_passed', 'rate_limited'],
  }),
  rescheduleBooking: operation({
    id: 'rescheduleBooking', method: 'POST', path: '/v1/bookings/{bookingId}/reschedule', auth: 'manage-token', tag: 'Manage',
    summary: 'Move a booking to another offered slot, atomically',
    params: api.BookingPath, body: api.RescheduleBookingBody,
    success: { status: 200, schema: api.BookingResponse, description: 'The moved booking' },
    errors: ['forbidden', 'not_found', 'slot_unavailable', 'conflict', 'rate_limited'],
  }),
  getOpenApi: operation({
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', auth: 'public', tag: 'Meta',
    summary: 'This API described as OpenAPI 3.1',
    success: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' },
    errors: [],
  }),
} as const;

export type OperationId = keyof typeof OPERATIONS;
