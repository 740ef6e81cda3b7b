import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isAllowedOrigin } from './allowed-origins';
import type { AppConfig } from '../config/config';
import type { SettingsRepository } from '../store/settings-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface CorsPorts {
  config: AppConfig;
  settings: SettingsRepository;
}

/** CORS headers for the practice's configured origins only; other origins get none. */
export function cors(deps: () => CorsPorts): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
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
