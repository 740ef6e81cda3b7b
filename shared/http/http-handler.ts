import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../logging/logger';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { cors } from './cors';
import { errorMapper } from './error-mapper';
import { jsonResponse } from './json-response';
import type { Operation } from './operations';
import { parseRequest, type HttpRequest } from './request-parser';

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
    const deps = dependencies();
    const result = await handle(parseRequest(operation, event), deps);
    return jsonResponse(result.status ?? operation.success.status, result.body, result.headers);
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(core)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLog(operation))
    .use(cors(() => dependencies().config.allowedOrigins))
    .use(errorMapper());
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
