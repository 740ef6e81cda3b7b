import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Dependencies } from '../runtime/dependencies';
import { isAllowedOrigin } from './allowed-origins';

/** CORS headers for the practice's configured origins only; other origins get none. */
export function cors(deps: () => Pick<Dependencies, 'config' | 'settings'>): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const addHeaders = async (request: { event: APIGatewayProxyEventV2; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const origin = request.event.headers?.origin;
    if (!request.response || !origin) return;
    let allowed = false;
    try {
      allowed = await isAllowedOrigin(deps(), origin);
    } catch {
      allowed = false; // a failed settings read must not turn a good answer into an error
    }
    if (!allowed) return;
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  };
  return { after: addHeaders, onError: addHeaders };
}
