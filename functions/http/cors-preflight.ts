import { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, isAllowedOrigin } from '../../shared/http/allowed-origins';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

/** Answers browsers' preflight requests: allowed origins get the CORS headers, others nothing. */
export const handler = httpHandler(OPERATIONS.corsPreflight, async ({ headers }, deps) => {
  const origin = headers.origin;
  const allowed = origin ? await isAllowedOrigin(deps, origin) : false;
  return {
    status: 204,
    body: undefined,
    headers: allowed
      ? { 'access-control-allow-methods': CORS_ALLOWED_METHODS, 'access-control-allow-headers': CORS_ALLOWED_HEADERS, 'access-control-max-age': '600' }
      : ({} as Record<string, string>),
  };
});
