import { z } from 'zod';
import { ErrorResponse } from './api-schemas';
import { ERROR_STATUS } from './error-mapper';
import type { Operation } from './operations';


const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' });

/** OpenAPI 3.1 from the same zod schemas the handlers validate with. */
export function buildOpenApiDocument(operations: Operation[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations.filter((o) => !o.internal)) {
    const parameters = [
      ...objectParameters(op.params, 'path'),
      ...objectParameters(op.query, 'query'),
      ...(op.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'A retry with the same key returns the first response.' }]
        : []),
    ];
    const responses: Record<string, unknown> = {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.schema ? { content: { 'application/json': { schema: jsonSchema(op.success.schema, 'output') } } } : {}),
      },
      '400': errorResponse('validation_failed: the request is not valid (see error.fields)'),
      '500': errorResponse('internal: a bug'),
    };
    for (const code of op.errors) {
      const status = String(ERROR_STATUS[code]);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = errorResponse(existing ? `${existing.description}; ${code}` : code);
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses,
      ...(op.auth === 'manage-token' ? { security: [{ manageToken: [] }, { manageTokenQuery: [] }] } : {}),
      ...(op.auth === 'therapist' || op.auth === 'admin' ? { security: [{ therapistJwt: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorResponse, 'output') },
      securitySchemes: {
        manageToken: { type: 'http', scheme: 'bearer', description: 'The manageToken returned when the booking was made.' },
        manageTokenQuery: { type: 'apiKey', in: 'query', name: 'token' },
        therapistJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, propertySchema]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: propertySchema,
  }));
}
