import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../shared/logging/logger';
import { recordEmailFeedback, type SesEventDetail } from '../../shared/mail/email-feedback';
import { dependencies } from '../../shared/runtime/dependencies';
// What this function uses: the table.
import '../../shared/runtime/table';

/** SES bounce and complaint events (EventBridge, from the configuration set). */
type SesEvent = EventBridgeEvent<string, SesEventDetail>;

export const handler = middy<SesEvent, void, Error, Context>(async (event: SesEvent) => recordEmailFeedback(dependencies(), event.detail)).use(
  injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
);
