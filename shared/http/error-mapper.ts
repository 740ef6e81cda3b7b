import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import { jsonResponse } from './json-response';

/** The contract's status for each error code (the OpenAPI document reads it too). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  slot_unavailable: 409,
  conflict: 409,
  cancellation_window_passed: 409,
  request_expired: 409,
  verification_required: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    return jsonResponse(ERROR_STATUS[error.code], {
      error: { code: error.code, message: error.message, ...(error.code === 'validation_failed' ? { fields: error.fields ?? [] } : {}) },
    }, error.code === 'rate_limited' ? { 'retry-after': String(retryAfterOf(error)) } : {});
  }
  // Unexpected: log what went wrong without the message, which may quote request data.
  const err = error as Error;
  logger.error('unhandled error', { errorName: err?.name ?? typeof error, stack: err?.stack?.split('\n').slice(1, 8).join('\n') });
  return jsonResponse(500, { error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
}

/** Seconds until a limit lets the next request through (rate-limits.ts); 1 for a passing contention. */
function retryAfterOf(error: DomainError): number {
  const seconds = (error as DomainError & { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 1 ? Math.ceil(seconds) : 1;
}

/** Maps every error to the contract's error shape: domain errors to their status, the rest to 500. */
export function errorMapper(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error);
    },
  };
}
