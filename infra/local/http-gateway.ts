import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { apiHeaders } from '../../shared/http/security-headers';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { Route } from '../routes';
import { buildHttpApiEvent, toHttpReply, type HttpReply } from './api-gateway-event';
import type { HandlerSource } from './handler-loader';
import { FunctionTimedOut, invokeWithTimeout } from './invoke';

/** What API Gateway would answer itself: its payload limit is 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/**
 * API Gateway's HTTP API quota for the request line and headers together is 10,240 bytes; the
 * URL alone is held to 8,192 (what CloudFront and most servers accept). Node's own parser limit
 * is raised far above both, so the gateway sees the request and answers 414 or 431 itself, in the
 * contract's shape (decision 142); only past Node's limit does the parser refuse it (431).
 */
export const MAX_URL_BYTES = 8192;
export const MAX_HEADER_BYTES = 10240;
export const NODE_MAX_HEADER_BYTES = 1024 * 1024;
/** The methods the route table uses (HEAD is not routed: API Gateway does not map it to GET). */
const API_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

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
  const server = http.createServer({ maxHeaderSize: NODE_MAX_HEADER_BYTES }, (request, response) => {
    void serve(request, response).catch((error: Error) => {
      // The error's name only: a message may quote the request (a URL with a token in it).
      process.stderr.write(`local gateway: ${error.name}\n`);
      if (!response.headersSent) send(response, errorReply(500, 'internal', 'Something went wrong on our side. Please try again.'));
      else response.end();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket));
  return server;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // What API Gateway refuses before any route or function: the URL's and the headers' sizes.
    if (Buffer.byteLength(request.url ?? '') > MAX_URL_BYTES) return refuse(request, response, errorReply(414, 'uri_too_long', 'The request URL is too long.'));
    if (headerBytes(request) > MAX_HEADER_BYTES) return refuse(request, response, errorReply(431, 'headers_too_large', 'The request headers are too large.'));
    const body = await readBody(request);
    if (body === 'too_large') return send(response, errorReply(413, 'payload_too_large', 'The request body is too large.'));
    if (options.extra && (await options.extra(request, body, response))) return;

    const url = new URL(request.url ?? '/', 'http://local');
    const method = (request.method ?? 'GET').toUpperCase();
    const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
    const match = onPath.find((c) => c.route.method === method);
    if (!match) {
      // A path the API has, asked with a method it does not take, or a method the API never takes.
      const allowed = [...new Set(onPath.map((c) => c.route.method))];
      const known = allowed.some((m) => m !== 'OPTIONS'); // every path has the CORS preflight
      if (known || !API_METHODS.includes(method)) return send(response, methodNotAllowed(known ? allowed : API_METHODS));
      return send(response, errorReply(404, 'not_found', 'There is no such endpoint.'));
    }

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

/** The gateway's own answer in the contract's error shape, with the API's security headers. */
export function errorReply(statusCode: number, code: string, message: string, fields?: unknown[], headers: Record<string, string> = {}): HttpReply {
  return {
    statusCode,
    headers: apiHeaders({ 'content-type': 'application/json; charset=utf-8', ...headers }),
    body: Buffer.from(JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } })),
  };
}

/** 405 with the methods the path does take (RFC 9110 requires `Allow`). */
export function methodNotAllowed(allowed: string[]): HttpReply {
  return errorReply(405, 'method_not_allowed', 'This endpoint does not take that method.', undefined, { allow: allowed.join(', ') });
}

/**
 * An answer API Gateway makes itself, in its own shape (`{"message": …}`), as a client meets it;
 * with the security headers, which in AWS the optional CloudFront in front of the API adds (decision 143).
 */
export function apiGatewayError(statusCode: number, message: string): HttpReply {
  return { statusCode, headers: apiHeaders({ 'content-type': 'application/json' }), body: Buffer.from(JSON.stringify({ message })) };
}

export function send(response: ServerResponse, reply: HttpReply): void {
  response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.length) });
  response.end(reply.body);
}

/** Answers before reading the body, then closes the connection: what is left of the request is never read. */
function refuse(request: IncomingMessage, response: ServerResponse, reply: HttpReply): void {
  response.setHeader('connection', 'close');
  send(response, reply);
  request.resume();
}

/** The request line and header lines as they came, in bytes (what API Gateway's quota counts). */
function headerBytes(request: IncomingMessage): number {
  let bytes = `${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`.length;
  for (let i = 0; i < request.rawHeaders.length; i += 2) bytes += Buffer.byteLength(request.rawHeaders[i]!) + Buffer.byteLength(request.rawHeaders[i + 1]!) + 4;
  return bytes;
}

/**
 * What Node's parser cannot take (it never reaches `serve`): instead of Node's bare status line,
 * the contract's error shape and headers. A request line and headers beyond Node's limit are 431
 * (the parser does not say which part was long, and sees only the last chunk), a method Node does
 * not know is 405, a timeout 408, anything else that is not HTTP 400. Nothing of the request is
 * logged (it may carry a token).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  let reply: HttpReply;
  if (error.code === 'HPE_HEADER_OVERFLOW') reply = errorReply(431, 'headers_too_large', 'The request headers are too large.');
  else if (error.code === 'HPE_INVALID_METHOD') reply = methodNotAllowed(API_METHODS);
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') reply = errorReply(408, 'request_timeout', 'The request took too long to arrive.');
  else reply = errorReply(400, 'validation_failed', 'The request is not valid HTTP.', []);
  const head = [`HTTP/1.1 ${reply.statusCode} ${http.STATUS_CODES[reply.statusCode] ?? 'Error'}`];
  for (const [name, value] of Object.entries({ ...reply.headers, 'content-length': String(reply.body.length), connection: 'close' })) head.push(`${name}: ${String(value)}`);
  // What the client is still sending is read and dropped, so closing does not reset the connection before it reads the answer.
  socket.on('data', () => undefined);
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), reply.body]));
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
