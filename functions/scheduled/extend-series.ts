import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/logging/logger';
import { dependencies } from '../../shared/runtime/dependencies';
import { extendOpenSeries, type ExtensionReport } from '../../shared/series/series-service';
// What this function uses: the table (its bookings reach the bus through the table's stream).
import '../../shared/runtime/table';

/** Daily: open-ended series are kept booked 12 weeks ahead; any series left pending is finished. */
export const handler = middy<ScheduledEvent, ExtensionReport, Error, Context>(() => extendOpenSeries(dependencies())).use(
  injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
);
