import { OPERATIONS, type OperationId } from '../shared/http/operations';

/** How API Gateway (and the local gateway) guards a route before the handler runs. */
export type RouteAuth = 'none' | 'jwt' | 'jwt-admin';

export interface Route {
  operationId: OperationId;
  method: string;
  path: string;
  /** Handler source, relative to the repository root; it exports `handler`. */
  handler: string;
  auth: RouteAuth;
}

const HANDLERS: Record<OperationId, string> = {
  listTherapists: 'functions/http/list-therapists.ts',
  getAvailability: 'functions/http/get-availability.ts',
  createBooking: 'functions/http/create-booking.ts',
  getBooking: 'functions/http/get-booking.ts',
  cancelBooking: 'functions/http/cancel-booking.ts',
  rescheduleBooking: 'functions/http/reschedule-booking.ts',
  getOpenApi: 'functions/http/get-openapi.ts',
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
    auth: op.auth === 'therapist' ? 'jwt' : op.auth === 'admin' ? 'jwt-admin' : 'none',
  };
});
