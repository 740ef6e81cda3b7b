import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { syncAllSources } from '../../shared/calendars/calendar-sync';
import { loadSecrets } from '../../shared/config/secrets';
import { logger } from '../../shared/logging/logger';
import { dependencies } from '../../shared/runtime/dependencies';
// What this function uses: the table, the calendars (readers and the password key), and mail for a failing spell.
import '../../shared/runtime/table';
import '../../shared/runtime/calendars';
import '../../shared/runtime/mail';

/** Every 10 minutes: every other calendar of every therapist is read again, and a newly failing one told of once. */
export const handler = middy<ScheduledEvent, { synced: number; failing: number }, Error, Context>(async () => {
  await loadSecrets();
  return syncAllSources(dependencies());
}).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
