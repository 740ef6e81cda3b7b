/**
 * Errors the domain raises on purpose. Each carries the contract's error code; the one HTTP error
 * handler (shared/http/error-mapper.ts) turns the code into a status. Messages are written for the
 * client and never carry personal data or internal names.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'slot_unavailable'
  | 'conflict'
  | 'cancellation_window_passed'
  /** A hold (unverified booking or undecided request) ended: the time is free again (issue 14). */
  | 'request_expired'
  /** A booking still waiting for its addresses to be confirmed, asked to do what only a verified one may. */
  | 'verification_required'
  | 'payload_too_large'
  | 'rate_limited';

export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationFailed = (message: string, fields: FieldProblem[]) => new DomainError('validation_failed', message, fields);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const forbidden = (message = 'This link or token does not grant access to that resource.') => new DomainError('forbidden', message);
export const slotUnavailable = (message = 'That time is no longer available. Please choose another slot.') =>
  new DomainError('slot_unavailable', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const requestExpired = () =>
  new DomainError('request_expired', 'This request has expired and the time is free again. Please book again.');
export const verificationRequired = (message = 'This booking is waiting for the email address to be confirmed. Please use the link in the email first.') =>
  new DomainError('verification_required', message);
