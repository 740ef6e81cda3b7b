import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadSecrets } from '../config/secrets';
import { logger } from '../logging/logger';
import { dependencies, type Dependencies } from '../runtime/dependencies';
// Every HTTP function reads the table: CORS reads the practice's origins, and authorization the therapist.
import '../runtime/table';
import { withRequestSettings } from '../store/request-settings';
import { cors } from './cors';
import { errorMapper } from './error-mapper';
import { jsonResponse } from './json-response';
import type { Operation } from './operations';
import { principalOf, type Principal } from './principal';
import type { Therapist } from '../domain/therapist';
import { DomainError, forbidden } from '../errors/domain-errors';
import { parseRequest, type HttpRequest } from './request-parser';
import { apiHeaders } from './security-headers';

export interface HttpResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The one middleware stack of every HTTP function: request-scoped structured logging (ids only),
 * validation against the operation's schemas, the contract's error shape, CORS. A handler is then
 * only glue: parse, call shared/, map the result.
 */
export function httpHandler<O extends Operation>(
  operation: O,
  handle: (request: HttpRequest<O>, deps: Dependencies) => Promise<HttpResult>,
) {
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    await loadSecrets();
    const deps = dependencies();
    const caller = await authorize(operation, event, deps);
    const request = { ...parseRequest(operation, event), ...caller };
    const result = await handle(request, deps);
    const status = result.status ?? operation.success.status;
    if (status === 204) return { statusCode: 204, headers: apiHeaders(result.headers) };
    if (operation.raw) return { statusCode: status, headers: apiHeaders(result.headers), body: String(result.body) };
    return jsonResponse(status, result.body, result.headers);
  };
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(core)
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(accessLog(operation))
    .use(cors(dependencies))
    .use(errorMapper());
  // Each invocation gets its own settings memo, so CORS (after the handler) reuses a read the handler made.
  return (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> =>
    withRequestSettings(() => stack(event, context));
}

/**
 * Who may call: the gateway verified the token (401 there); here the claims must name a therapist
 * who exists and is active (therapist operations) or carry the admin group (admin operations).
 */
async function authorize(operation: Operation, event: APIGatewayProxyEventV2, deps: Dependencies): Promise<{ principal?: Principal; me?: Therapist }> {
  if (operation.auth === 'public' || operation.auth === 'manage-token') return {};
  const principal = principalOf(event);
  if (!principal) throw new DomainError('unauthorized', 'Sign in to use this endpoint.');
  logger.appendKeys({ subject: principal.subject });
  if (operation.auth === 'admin') {
    if (!principal.admin) throw forbidden('Only a practice administrator may do this.');
    return { principal };
  }
  if (!principal.therapistId) throw forbidden('This sign-in is not linked to a therapist.');
  const me = await deps.therapists.getTherapist(principal.therapistId);
  if (!me || !me.active) throw forbidden('This therapist account is not active.');
  logger.appendKeys({ therapistId: me.id });
  return { principal, me };
}

/** One line per request: route, status, latency and the API's request id; never bodies or headers. */
function accessLog(operation: Operation): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const started = new WeakMap<object, number>();
  const done = async (request: { event: APIGatewayProxyEventV2; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const status = request.response?.statusCode ?? 500;
    logger.info('request handled', { status, durationMs: Date.now() - (started.get(request.event) ?? Date.now()) });
  };
  return {
    before: async (request) => {
      started.set(request.event, Date.now());
      logger.appendKeys({ requestId: request.event.requestContext?.requestId, operation: operation.id });
    },
    after: done,
    onError: done,
  };
}
