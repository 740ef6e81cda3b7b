import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiHeaders } from './security-headers';

/** Every answer is JSON and never cached (these responses carry appointment details), with the API's security headers. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: apiHeaders({ 'content-type': 'application/json; charset=utf-8', ...headers }),
    body: JSON.stringify(body),
  };
}
