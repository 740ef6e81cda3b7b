import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent, lambdaContext, toHttpReply } from '../../infra/local/api-gateway-event';
import { ROUTES } from '../../infra/routes';
import type { OperationId } from '../../shared/http/operations';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface Invocation {
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Verified JWT claims, as API Gateway's authorizer passes them (strings). */
  claims?: Record<string, string>;
  /** The caller's address as API Gateway sees it (default 127.0.0.1): what the per-source limit counts. */
  sourceIp?: string;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string | string[]>;
  json: any;
  text: string;
}

/** Claims of a therapist's (or an admin's) ID token, as the JWT authorizer passes them on. */
export function claimsFor(therapistId: string, role: 'therapist' | 'admin' = 'therapist'): Record<string, string> {
  return { sub: `sub-${therapistId}-${role}`, 'custom:therapistId': therapistId, 'cognito:groups': role === 'admin' ? '[admin]' : '[therapists]', token_use: 'id' };
}

/** Invokes a handler with the event API Gateway would build for its route. */
export async function invoke(operationId: OperationId, handler: Handler, call: Invocation = {}): Promise<InvokeResult> {
  const route = ROUTES.find((r) => r.operationId === operationId)!;
  let path = route.path;
  for (const [name, value] of Object.entries(call.pathParameters ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = new URLSearchParams(call.query ?? {}).toString();
  const body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
  const event = buildHttpApiEvent(
    { method: route.method, url: path + (query ? `?${query}` : ''), headers: { 'content-type': 'application/json', ...lower(call.headers ?? {}) }, body, sourceIp: call.sourceIp ?? '127.0.0.1' },
    { routeKey: `${route.method} ${route.path}`, ...(call.pathParameters ? { pathParameters: call.pathParameters } : {}) },
  );
  if (call.claims) Object.assign(event.requestContext, { authorizer: { jwt: { claims: call.claims, scopes: null } } });
  const reply = toHttpReply(await handler(event, lambdaContext(operationId, 10_000)));
  const text = reply.body.toString('utf8');
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: reply.statusCode, headers: reply.headers, json, text };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
