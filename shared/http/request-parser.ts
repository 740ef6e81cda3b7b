import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from '../validation/zod';
import { DomainError, validationFailed } from '../errors/domain-errors';
import type { Therapist } from '../domain/therapist';
import type { Operation } from './operations';
import type { Principal } from './principal';

export const MAX_BODY_BYTES = 64 * 1024;

type Infer<T> = [T] extends [z.ZodMiniType] ? z.output<T> : undefined;

export type HttpRequest<O> = O extends Operation<infer Q, infer P, infer B>
  ? {
      query: Infer<Q>;
      params: Infer<P>;
      body: Infer<B>;
      headers: Record<string, string | undefined>;
      event: APIGatewayProxyEventV2;
      /** The verified caller (therapist and admin operations). */
      principal?: Principal;
      /** The signed-in therapist (therapist operations): present, active, theirs. */
      me?: Therapist;
    }
  : never;

/** Reads and validates a request against its operation's schemas; nothing is trusted unparsed. */
export function parseRequest<O extends Operation>(operation: O, event: APIGatewayProxyEventV2): HttpRequest<O> {
  const params = validate(operation.params, event.pathParameters ?? {}, 'The path is not valid.');
  const query = validate(operation.query, event.queryStringParameters ?? {}, 'The query parameters are not valid.');
  const body = operation.body ? validate(operation.body, readJsonBody(event), 'The request body is not valid.') : undefined;
  return { params, query, body, headers: event.headers ?? {}, event } as HttpRequest<O>;
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return {};
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > MAX_BODY_BYTES) {
    throw new DomainError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw validationFailed('The request body is not valid JSON.', [{ path: '', message: 'must be a JSON document' }]);
  }
}

function validate(schema: z.ZodMiniType | undefined, value: unknown, message: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationFailed(
    message,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
