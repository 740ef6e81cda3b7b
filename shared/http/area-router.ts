import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { operationsOf, routeKeyOf, type Area } from './areas';
import { jsonResponse } from './json-response';
import type { OperationId } from './operations';

type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * One function per area: API Gateway names the matched route in the event (`routeKey`), and the
 * router hands the event to that operation's own handler, unchanged. The table must hold exactly
 * the area's operations: a missing or stray handler stops the function at load (a cold start
 * fails loudly, and the bundle test catches it before any deployment).
 */
export function areaRouter(area: Area, handlers: Partial<Record<OperationId, HttpLambda>>): HttpLambda {
  const expected = operationsOf(area);
  const given = Object.keys(handlers) as OperationId[];
  const missing = expected.filter((id) => !given.includes(id));
  const stray = given.filter((id) => !expected.includes(id));
  if (missing.length || stray.length) {
    throw new Error(`The ${area} area's handlers do not match its operations: missing [${missing.join(', ')}], not in the area [${stray.join(', ')}]`);
  }
  const byRouteKey = new Map(expected.map((id) => [routeKeyOf(id), handlers[id]!]));
  return async (event, context) => {
    const handler = byRouteKey.get(event.routeKey);
    // Only a route of another area (a wiring mistake) gets here: answer in the contract's shape.
    if (!handler) return jsonResponse(404, { error: { code: 'not_found', message: 'There is no such endpoint.' } });
    return handler(event, context);
  };
}
