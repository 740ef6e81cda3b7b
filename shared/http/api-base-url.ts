import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AppConfig } from '../config/config';

/** The API's own public URL: the configured custom domain, or the host the request came to. */
export function apiBaseUrl(config: Pick<AppConfig, 'apiBaseUrl'>, event: APIGatewayProxyEventV2): string {
  if (config.apiBaseUrl) return config.apiBaseUrl;
  const proto = event.headers?.['x-forwarded-proto'] ?? 'https';
  return `${proto}://${event.requestContext.domainName}`;
}
