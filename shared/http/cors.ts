import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** CORS headers for the practice's configured origins only; other origins get none. */
export function cors(allowedOrigins: () => string[]): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const addHeaders = async (request: { event: APIGatewayProxyEventV2; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const origin = request.event.headers?.origin;
    if (!request.response || !origin || !allowedOrigins().includes(origin)) return;
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': origin,
      vary: 'Origin',
    };
  };
  return { after: addHeaders, onError: addHeaders };
}
