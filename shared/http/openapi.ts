import * as z from '../validation/zod';
import { ErrorResponse } from './api-schemas';
import { ERROR_STATUS } from './error-mapper';
import type { Operation } from './operations';

const COMPONENTS = '#/components/schemas/';
type JsonSchema = Record<string, unknown>;

/**
 * JSON Schemas of request and response parts, from the zod schemas, for an OpenAPI document.
 *
 * A schema with an id (registered as `{ id: 'Booking' }`) becomes a component and is referred to as
 * `#/components/schemas/Booking` wherever it is used; everything else stays inline. This is zod's
 * own registry conversion (`z.toJSONSchema(registry, { uri })`), which writes those refs itself.
 * Requests are converted as zod reads them (`io: 'input'`), responses as handlers write them
 * (`io: 'output'`); an id used on both sides must describe the same JSON in both.
 */
class SchemaConverter {
  /** The id of each zod schema to convert; the parts of operations get a private one. */
  private readonly parts = new Map<'input' | 'output', Map<z.ZodMiniType, string>>([['input', new Map()], ['output', new Map()]]);
  private results?: { parts: Map<z.ZodMiniType, JsonSchema>[] };

  /** Registers a part and returns a reader for its JSON Schema, available once `convert` ran. */
  part(schema: z.ZodMiniType, io: 'input' | 'output'): () => JsonSchema {
    const ids = this.parts.get(io)!;
    if (!ids.has(schema)) ids.set(schema, sharedId(schema) ?? `part-${io}-${ids.size}`);
    return () => {
      const { parts } = this.results!;
      const json = parts[io === 'input' ? 0 : 1]!.get(schema)!;
      // A part that is itself a component is used by reference too.
      return sharedId(schema) ? { $ref: COMPONENTS + sharedId(schema) } : json;
    };
  }

  convert(): Record<string, JsonSchema> {
    const components: Record<string, JsonSchema> = {};
    const parts = (['input', 'output'] as const).map((io) => this.convertSide(io, components));
    this.results = { parts };
    return components;
  }

  private convertSide(io: 'input' | 'output', components: Record<string, JsonSchema>): Map<z.ZodMiniType, JsonSchema> {
    const registry = z.registry<{ id: string }>();
    // Every schema with an id must be in the registry, or zod would put it in a `$defs` of its own.
    for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
    const ids = this.parts.get(io)!;
    for (const [schema, id] of ids) if (!sharedId(schema)) registry.add(schema, { id });
    const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline', uri: (id) => COMPONENTS + id });
    if ('__shared' in schemas) throw new Error(`zod extracted schemas without an id: ${Object.keys(schemas.__shared as object).join(', ')}`);
    const json = new Map<string, JsonSchema>();
    for (const [id, schema] of Object.entries(schemas)) {
      const { $schema: _dialect, $id: _self, ...body } = schema as JsonSchema;
      json.set(id, body);
    }
    // Part ids are private: a part nested in another part is inlined there.
    const inline = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(inline);
      if (!value || typeof value !== 'object') return value;
      const ref = (value as JsonSchema).$ref;
      if (typeof ref === 'string' && ref.startsWith(`${COMPONENTS}part-`)) return inline(json.get(ref.slice(COMPONENTS.length)));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v)]));
    };
    // Components: the shared schemas this side uses, directly or through another component.
    const parts = new Map([...ids].map(([schema, id]) => [schema, inline(json.get(id)) as JsonSchema]));
    const pending = [...parts.values()];
    const used = new Set<string>();
    while (pending.length) {
      for (const [, id] of JSON.stringify(pending.pop()).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
        if (used.has(id!)) continue;
        used.add(id!);
        pending.push(inline(json.get(id!)) as JsonSchema);
      }
    }
    for (const [schema] of ids) if (sharedId(schema)) used.add(sharedId(schema)!);
    for (const id of used) {
      const body = inline(json.get(id)) as JsonSchema;
      if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(body)) {
        throw new Error(`The schema "${id}" reads differently in requests and responses: give one of them its own id`);
      }
      components[id] = body;
    }
    return parts;
  }
}

const sharedId = (schema: z.ZodMiniType): string | undefined => z.globalRegistry.get(schema)?.id;

/**
 * OpenAPI 3.1 from the same zod schemas the handlers validate with. The handler adds `servers`:
 * the base URL depends on where the API is reached.
 */
/**
 * What the gateway itself answers, before any operation, in the same error shape (issue 17,
 * decision 142): documented on every operation.
 */
export const GATEWAY_ERRORS = {
  '405': { code: 'method_not_allowed', description: 'method_not_allowed: the path does not take this method (see the Allow header)' },
  '414': { code: 'uri_too_long', description: 'uri_too_long: the URL is over 8,192 bytes' },
  '431': { code: 'headers_too_large', description: 'headers_too_large: the request line and headers are over 10,240 bytes' },
} as const;

export function buildOpenApiDocument(operations: Operation[], info: { title: string; version: string }) {
  const schemas = new SchemaConverter();
  schemas.part(ErrorResponse, 'output'); // a component: every error response refers to it
  const documented = operations.filter((o) => !o.internal).map((op) => ({
    op,
    params: op.params && schemas.part(op.params, 'input'),
    query: op.query && schemas.part(op.query, 'input'),
    body: op.body && schemas.part(op.body, 'input'),
    success: op.success.schema && schemas.part(op.success.schema, 'output'),
  }));
  const components = schemas.convert();

  const paths: Record<string, Record<string, unknown>> = {};
  for (const { op, params, query, body, success } of documented) {
    const parameters = [
      ...objectParameters(params?.(), 'path'),
      ...objectParameters(query?.(), 'query'),
      ...(op.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'A retry with the same key returns the first response.' }]
        : []),
    ];
    const responses: Record<string, unknown> = {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(success ? { content: { 'application/json': { schema: success() } } } : {}),
      },
      '400': errorResponse('validation_failed: the request is not valid (see error.fields)'),
      '500': errorResponse('internal: a bug'),
      ...Object.fromEntries(Object.entries(GATEWAY_ERRORS).map(([status, e]) => [status, errorResponse(e.description)])),
    };
    for (const code of op.errors) {
      const status = String(ERROR_STATUS[code]);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = errorResponse(existing ? `${existing.description}; ${code}` : code);
    }
    if (responses['429']) {
      // Over an abuse limit (issue 17) or under contention: when to try again.
      (responses['429'] as Record<string, unknown>).headers = {
        'Retry-After': { description: 'Seconds until a new request may succeed (the end of the limit\'s window)', schema: { type: 'integer', minimum: 1 } },
      };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body() } } } } : {}),
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
      schemas: components,
      securitySchemes: {
        manageToken: { type: 'http', scheme: 'bearer', description: 'The manageToken returned when the booking was made.' },
        manageTokenQuery: { type: 'apiKey', in: 'query', name: 'token' },
        therapistJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: `${COMPONENTS}Error` } } } };
}

function objectParameters(json: JsonSchema | undefined, location: 'path' | 'query') {
  if (!json) return [];
  const { properties = {}, required = [] } = json as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: propertySchema,
  }));
}
