import { ROUTES } from '../../../infra/routes';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { OPERATIONS } from '../../../shared/http/operations';
import { existsSync } from 'node:fs';

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
