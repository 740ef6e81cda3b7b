import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishStreamRecords } from '../../shared/events/stream-publisher';
import { logger } from '../../shared/logging/logger';
import { dependencies } from '../../shared/runtime/dependencies';
// What this function uses: the bus (the stream is its event source, not the table).
import '../../shared/runtime/event-bus';

/** The table's stream → domain events on the bus (with batch-failure reporting). */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>((event: DynamoDBStreamEvent) =>
  publishStreamRecords(dependencies().events, event.Records),
).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
