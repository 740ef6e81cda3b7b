import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { expireDueHolds } from '../../shared/booking/hold-sweep';
import { logger } from '../../shared/logging/logger';
import { dependencies } from '../../shared/runtime/dependencies';
// What this function uses: the table. Its changes reach the bus through the table's stream.
import '../../shared/runtime/table';

/** Every minute: holds whose time has come are written as expired (their time is already free to every read). */
export const handler = middy<ScheduledEvent, { expired: number }, Error, Context>(() => expireDueHolds(dependencies())).use(
  injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
);
