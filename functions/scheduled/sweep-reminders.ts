import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/logging/logger';
import { sweepDueReminders } from '../../shared/reminders/reminder-sweep';
import { dependencies } from '../../shared/runtime/dependencies';
// What this function uses: the table and the bus.
import '../../shared/runtime/table';
import '../../shared/runtime/event-bus';

/** Every minute: reminders whose time has come become `reminder.due` events. */
export const handler = middy<ScheduledEvent, { published: number; dropped: number }, Error, Context>(() => sweepDueReminders(dependencies())).use(
  injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
);
