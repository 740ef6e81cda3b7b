import { OPERATIONS, type OperationId } from './operations';

/**
 * The HTTP functions, one per area: the operations that share a caller and so a set of
 * permissions. The area follows from an operation's auth and path, so a new route lands in its
 * area without being listed anywhere else:
 * - `public`: what the widget and calendar apps read without an account (the table, read only);
 * - `booking`: a client creating and managing a booking (writes, signs and checks manage tokens);
 * - `therapist`: a signed-in therapist's own data;
 * - `admin`: practice administration, the only area that may change sign-ins.
 */
export const AREAS = ['public', 'booking', 'therapist', 'admin'] as const;
export type Area = (typeof AREAS)[number];

export function areaOf(operation: { auth: string; path: string }): Area {
  if (operation.auth === 'therapist' || operation.auth === 'admin') return operation.auth;
  if (operation.auth === 'manage-token' || operation.path === '/v1/bookings' || operation.path.startsWith('/v1/bookings/')) return 'booking';
  return 'public';
}

/** The operations of an area, in the contract's order. */
export function operationsOf(area: Area): OperationId[] {
  return (Object.keys(OPERATIONS) as OperationId[]).filter((id) => areaOf(OPERATIONS[id]) === area);
}

/** API Gateway's route key for an operation, as the payload 2.0 event carries it. */
export const routeKeyOf = (id: OperationId): string => `${OPERATIONS[id].method} ${OPERATIONS[id].path}`;
