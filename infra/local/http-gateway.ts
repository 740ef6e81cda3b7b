import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { Route } from '../routes';
import { buildHttpApiEvent, toHttpReply, type HttpReply } from './api-gateway-event';
import type { HandlerSource } from './handler-loader';
import { FunctionTimedOut, invokeWithTimeout } from './invoke';

/** What API Gateway would answer itself: its payload limit is 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  routes: Route[];
  /** Loads the handler files the routes name. */
  loader: HandlerSource;
  /** The functions' timeout; the deployed one unless a test needs another. */
  functionTimeoutSeconds?: number;
  /** Verifies a route's bearer token (the JWT authorizer); undefined claims mean 401. */
  authorizer?: (authorization: string | undefined) => Promise<Record<string, string> | undefined>;
  /** Endpoints API Gateway does not have (the local-only /_local/*, the demo page). Return false to fall through. */
  extra?: (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<boolean>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/**
 * A local stand-in for the HTTP API: matches the route table, builds the payload 2.0 event and
 * invokes the function the stack deploys for the route (its area's router) with a Lambda context,
 * as API Gateway would.
 */
export function createHttpGateway(options: GatewayOptions): http.Server {
  const compiled: CompiledRoute[] = options.routes.map((route) => {
    const names: string[] = [];
    // `{name}` is one segment; `{name+}` (API Gateway's greedy variable) is the rest of the path.
    const source = route.path.replace(/[.*?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)(\+?)\}/g, (_m, name: string, greedy: string) => {
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}$`), names };
  });
  const loader = options.loader;
  return http.createServer((request, response) => {
    void serve(request, response).catch((error: Error) => {
      process.stderr.write(`local gateway: ${error.name}: ${error.message.split("\n")[0]}\n`);
      if (!response.headersSent) send(response, errorReply(500, 'internal', 'Something went wrong on our side. Please try again.'));
      else response.end();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === 'too_large') return send(response, errorReply(413, 'payload_too_large', 'The request body is too large.'));
    if (options.extra && (await options.extra(request, body, response))) return;

    const url = new URL(request.url ?? '/', 'http://local');
    const method = (request.method ?? 'GET').toUpperCase();
    const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
    const match = onPath.find((c) => c.route.method === method);
    if (!match) return send(response, errorReply(404, 'not_found', 'There is no such endpoint.'));

    const values = match.pattern.exec(url.pathname)!.slice(1);
    const pathParameters: Record<string, string> = {};
    try {
      match.names.forEach((name, i) => (pathParameters[name] = decodeURIComponent(values[i]!)));
    } catch {
      return send(response, errorReply(400, 'validation_failed', 'The path is not valid.', []));
    }
    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'jwt') {
      claims = await options.authorizer?.(request.headers.authorization);
      if (!claims) return send(response, errorReply(401, 'unauthorized', 'Sign in to use this endpoint.'));
    }
    const event = buildHttpApiEvent(
      { method, url: request.url ?? '/', headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
      { routeKey: `${match.route.method} ${match.route.path}`, pathParameters },
    );
    if (claims) {
      Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: claims.scope ? claims.scope.split(' ') : null } } });
    }
    // The area's router, as deployed (decision 34): it hands the event to the route's own handler.
    const functionName = `http-${match.route.area}`;
    const handler = await loader.load(match.route.areaHandler);
    let result;
    try {
      result = await invokeWithTimeout(handler, event, functionName, options.functionTimeoutSeconds ?? DEPLOYED_LIMITS.httpFunctionTimeoutSeconds);
    } catch (error) {
      // A timed-out function is a failed invocation: API Gateway answers it with its own 500, not
      // the contract's error shape, and the function's CORS headers never come (decision 37).
      if (error instanceof FunctionTimedOut) return send(response, apiGatewayError(500, 'Internal Server Error'));
      throw error;
    }
    send(response, toHttpReply(result as Parameters<typeof toHttpReply>[0]));
  }
}

export function errorReply(statusCode: number, code: string, message: string, fields?: unknown[]): HttpReply {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } })),
  };
}

/** An answer API Gateway makes itself, in its own shape (`{"message": …}`), as a client meets it. */
export function apiGatewayError(statusCode: number, message: string): HttpReply {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ message })) };
}

export function send(response: ServerResponse, reply: HttpReply): void {
  response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.length) });
  response.end(reply.body);
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
