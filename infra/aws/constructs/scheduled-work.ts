import { Duration } from 'aws-cdk-lib';
import { Rule, type EventPattern, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Construct } from 'constructs';
import type { FunctionNeeds } from '../function-needs';
import type { Alarms } from './alarms';
import type { BookingFunction } from './booking-function';
import type { FunctionFactory } from './function-factory';

/** Lambda's own retries of an asynchronous invocation: its default, written down. */
export const ASYNC_RETRY_ATTEMPTS = 2;

export interface AsyncFunctionOptions {
  functions: FunctionFactory;
  alarms: Alarms;
  id: string;
  handler: string;
  needs: FunctionNeeds;
  timeout?: Duration;
  description: string;
  /** What starts it: a schedule or an event pattern on the default bus. */
  trigger: { schedule: Schedule } | { eventPattern: EventPattern };
}

/**
 * A function EventBridge invokes asynchronously (a schedule, or an AWS service's events), with
 * both of its failure paths ending in one alarmed queue: EventBridge's own delivery failures (the
 * rule target's dead-letter queue), and invocations whose function still fails after Lambda's
 * retries (the function's on-failure destination; without it Lambda drops them; decision 33).
 */
export function asyncFunction(scope: Construct, options: AsyncFunctionOptions): BookingFunction {
  const { functions, alarms, id } = options;
  const failures = alarms.deadLetterQueue(scope, `${id}Failures`);
  const fn = functions.make(scope, id, options.handler, options.needs, options.timeout);
  fn.configureAsyncInvoke({ onFailure: new SqsDestination(failures), retryAttempts: ASYNC_RETRY_ATTEMPTS });
  new Rule(scope, `${id}Trigger`, {
    description: options.description,
    ...options.trigger,
    targets: [new LambdaFunction(fn, { deadLetterQueue: failures, retryAttempts: 2 })],
  });
  return fn;
}
