import path from 'node:path';
import { ROUTES } from '../../infra/routes';
import type { OperationId } from '../../shared/http/operations';
import { invoke, type Invocation, type InvokeResult } from './lambda-invoke';

/** Invokes the handler the route table names for an operation, with the event API Gateway would build. */
export function call(operationId: OperationId, invocation: Invocation = {}): Promise<InvokeResult> {
  const route = ROUTES.find((r) => r.operationId === operationId)!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(path.resolve(route.handler)) as { handler: Parameters<typeof invoke>[1] };
  return invoke(operationId, handler, invocation);
}
