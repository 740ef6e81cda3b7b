import { lambdaContext } from './api-gateway-event';
import type { LambdaHandler } from './handler-loader';

/** What Lambda reports when a function runs past its timeout. */
export class FunctionTimedOut extends Error {
  override name = 'FunctionTimedOut';
}

/**
 * Invokes a handler as Lambda does: its context's deadline is the function's deployed timeout, and
 * at that deadline the invocation fails. Node cannot stop the handler's promise (Lambda would
 * freeze or replace the sandbox), so it runs on, but its answer is dropped.
 */
export async function invokeWithTimeout<R = unknown>(handler: LambdaHandler, event: unknown, functionName: string, timeoutSeconds: number): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new FunctionTimedOut(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`)), timeoutSeconds * 1000);
  });
  try {
    return (await Promise.race([handler(event, lambdaContext(functionName, timeoutSeconds * 1000)), timedOut])) as R;
  } finally {
    clearTimeout(timer);
  }
}
