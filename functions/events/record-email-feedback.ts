import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../shared/logging/logger';
import { recordEmailFeedback } from '../../shared/mail/email-feedback';

/** SES bounce and complaint events (EventBridge, from the configuration set). */
type SesEvent = EventBridgeEvent<string, Parameters<typeof recordEmailFeedback>[0]>;

export const handler = middy<SesEvent, void, Error, Context>(async (event: SesEvent) => recordEmailFeedback(event.detail)).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
