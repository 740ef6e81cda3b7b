import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { areaRouter } from '../../../shared/http/area-router';
import { AREAS, areaOf, operationsOf, routeKeyOf } from '../../../shared/http/areas';
import { OPERATIONS, type OperationId } from '../../../shared/http/operations';
import { ROUTES } from '../../../infra/routes';

const context = {} as Context;
const answering = (id: string) => async () => ({ statusCode: 200, body: id });
const handlersOf = (ids: OperationId[]) => Object.fromEntries(ids.map((id) => [id, answering(id)]));

test('every operation is in exactly one area, and the route table names it', () => {
  const all = AREAS.flatMap((area) => operationsOf(area));
  expect([...all].sort()).toEqual(Object.keys(OPERATIONS).sort());
  for (const route of ROUTES) expect([route.operationId, route.area, route.areaHandler]).toEqual([route.operationId, areaOf(OPERATIONS[route.operationId]), `functions/http/areas/${route.area}.ts`]);
});

test('the areas follow auth and path: manage-token and booking paths are the booking area; only admin routes are admin', () => {
  expect(operationsOf('booking')).toEqual(expect.arrayContaining(['createBooking', 'getBooking', 'cancelBooking', 'rescheduleBooking']));
  expect(operationsOf('public')).toEqual(expect.arrayContaining(['getPractice', 'listTherapists', 'getAvailability']));
  for (const id of operationsOf('admin')) expect(OPERATIONS[id].auth).toBe('admin');
  for (const id of operationsOf('therapist')) expect(OPERATIONS[id].auth).toBe('therapist');
  for (const id of operationsOf('public')) expect(OPERATIONS[id].auth).toBe('public');
});

test('the router hands each route key to its own handler, the event unchanged', async () => {
  const seen: unknown[] = [];
  const handlers = Object.fromEntries(operationsOf('booking').map((id) => [id, async (event: APIGatewayProxyEventV2) => (seen.push(event), { statusCode: 200, body: id })]));
  const router = areaRouter('booking', handlers);
  for (const id of operationsOf('booking')) {
    const event = { routeKey: routeKeyOf(id), rawPath: '/x' } as APIGatewayProxyEventV2;
    expect(await router(event, context)).toEqual({ statusCode: 200, body: id });
    expect(seen.at(-1)).toBe(event);
  }
});

test('a route key of another area gets a 404 in the contract shape, not a crash', async () => {
  const router = areaRouter('booking', handlersOf(operationsOf('booking')));
  const reply = await router({ routeKey: routeKeyOf('createTherapist') } as APIGatewayProxyEventV2, context);
  expect(reply.statusCode).toBe(404);
  expect(JSON.parse(String(reply.body))).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
});

test('a handler table that is not exactly the area stops the function at load, naming what is wrong', () => {
  const ids = operationsOf('therapist');
  expect(() => areaRouter('therapist', handlersOf(ids.slice(1)))).toThrow(new RegExp(`missing \\[${ids[0]}\\]`));
  expect(() => areaRouter('therapist', handlersOf([...ids, 'createTherapist']))).toThrow(/not in the area \[createTherapist\]/);
});
