import { ROUTES } from '../../../infra/routes';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { OPERATIONS } from '../../../shared/http/operations';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { handler as getOpenApi } from '../../../functions/http/get-openapi';
import { invoke } from '../../support/lambda-invoke';
import { runOpenApiTools, type OpenApiToolsResult } from '../../support/openapi-tools';

const doc = buildOpenApiDocument(Object.values(OPERATIONS), { title: 't', version: '1' }) as any;

test('every route of the route table is in the OpenAPI document (but the CORS preflight plumbing)', () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(30);
  for (const route of ROUTES.filter((r) => r.operationId !== 'corsPreflight')) {
    const op = doc.paths[route.path]?.[route.method.toLowerCase()];
    expect(op).toBeDefined();
    expect(op.operationId).toBe(route.operationId);
  }
});

test('every route has a handler file that exists', () => {
  for (const route of ROUTES) expect(existsSync(route.handler)).toBe(true);
});

test('the document is OpenAPI 3.1 with request schemas from the validating zod schemas', () => {
  expect(doc.openapi).toBe('3.1.0');
  const create = doc.paths['/v1/bookings'].post;
  const body = create.requestBody.content['application/json'].schema;
  expect(body.properties.clients.maxItems).toBe(2);
  expect(body.properties.note.maxLength).toBe(1000);
  expect(create.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
  expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '413', '429']));
  const availability = doc.paths['/v1/therapists/{therapistId}/availability'].get;
  expect(availability.parameters).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'therapistId', in: 'path', required: true }),
      expect.objectContaining({ name: 'from', in: 'query', required: true }),
      expect.objectContaining({ name: 'timeZone', in: 'query', required: false }),
    ]),
  );
  expect(doc.paths['/v1/bookings/{bookingId}'].get.security).toEqual(expect.arrayContaining([{ manageToken: [] }]));
  expect(doc.paths['/v1/me/schedule'].put.security).toEqual([{ therapistJwt: [] }]);
  expect(doc.paths['/{proxy+}']).toBeUndefined();
});

describe('the served document works with OpenAPI tooling', () => {
  const BASE = 'https://api.harbor-light.example';
  let served: any;
  let tool: OpenApiToolsResult;
  beforeAll(async () => {
    process.env.TABLE_NAME ??= 'unused-by-this-handler'; // the handler wiring reads the config
    const r = await invoke('getOpenApi', getOpenApi, { headers: { host: 'api.harbor-light.example', 'x-forwarded-proto': 'https' } });
    expect(r.status).toBe(200);
    served = r.json;
    // swagger-parser validates it (an unresolved $ref fails it); openapi-typescript generates a client.
    tool = runOpenApiTools(r.text);
  });

  test('swagger-parser validates it, and every $ref points into components', () => {
    expect(tool.validation).toBeNull();
    const refs = [...new Set(JSON.stringify(served).match(/"\$ref":"[^"]*"/g) ?? [])];
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) expect(ref).toMatch(/^"\$ref":"#\/components\/schemas\/[A-Za-z0-9]+"$/);
    expect(Object.keys(served.components.schemas)).toEqual(expect.arrayContaining(['Booking', 'SessionType', 'Therapist', 'Error']));
    expect(JSON.stringify(served)).not.toMatch(/\$defs|"\$schema"|"\$id"/);
  });

  test('it names the API base URL it was served from', () => {
    expect(served.servers).toEqual([{ url: BASE }]);
  });

  test('openapi-typescript generates a client whose types fit the API', () => {
    expect(tool.generation).toBeNull();
    writeFileSync(
      path.join(tool.dir, 'use.ts'),
      `import type { components, paths } from './api';
type CreateBody = paths['/v1/bookings']['post']['requestBody']['content']['application/json'];
type Created = paths['/v1/bookings']['post']['responses'][201]['content']['application/json'];
type Booking = components['schemas']['Booking'];
export const body: CreateBody = {
  therapistId: 'dr-lee', sessionTypeId: 'individual-50', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin',
  clients: [{ name: 'Ana', email: 'ana@example.com' }], policyAccepted: true,
};
// @ts-expect-error the policy must be accepted
export const refused: CreateBody = { ...body, policyAccepted: false };
export const status = (created: Created): Booking['status'] => created.booking.status;
// @ts-expect-error a booking has no such field
export const nothing = (b: Booking) => b.noSuchField;
type TherapistList = paths['/v1/therapists']['get']['responses'][200]['content']['application/json'];
export const kinds = (list: TherapistList): Array<'individual' | 'couples'> => list.therapists.flatMap((t) => t.sessionTypes.map((s) => s.kind));
type ErrorBody = paths['/v1/bookings']['post']['responses'][409]['content']['application/json'];
export const code = (e: ErrorBody): string => e.error.code;
`,
    );
    const program = ts.createProgram([path.join(tool.dir, 'use.ts')], {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});

test('the booking request documents the honeypot and the form time, its 429 the Retry-After header (issue 17)', () => {
  const create = doc.paths['/v1/bookings'].post;
  const body = create.requestBody.content['application/json'].schema;
  expect(body.properties.website).toMatchObject({ type: 'string' });
  expect(body.properties.formMs).toMatchObject({ type: 'integer', minimum: 0 });
  expect(body.required).not.toEqual(expect.arrayContaining(['website', 'formMs']));
  expect(create.responses['429'].headers['Retry-After'].schema).toEqual({ type: 'integer', minimum: 1 });
  const settings = doc.paths['/v1/admin/settings'].put.requestBody.content['application/json'].schema;
  expect(JSON.stringify(settings)).toContain('activeBookingsPerClient');
});

test("every operation documents the gateway's own 405, 414 and 431 in the error shape (issue 17)", () => {
  const document = buildOpenApiDocument(Object.values(OPERATIONS), { title: 't', version: '1' });
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, { responses: Record<string, any> }>)) {
      for (const status of ['405', '414', '431']) {
        expect({ path, method, status, ref: op.responses[status]?.content?.['application/json']?.schema?.$ref }).toEqual({ path, method, status, ref: '#/components/schemas/Error' });
      }
    }
  }
});
