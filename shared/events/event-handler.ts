import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { z } from 'zod';
import { EVENT_CONTRACTS, type EventType } from '../../events/booking-events';
import { logger } from '../logging/logger';
import { dependencies, type Dependencies } from '../runtime/dependencies';

type EventOf<T extends EventType> = z.infer<(typeof EVENT_CONTRACTS)[T]>;

/** An event that can never be handled: retrying will not help; it belongs in the dead-letter queue. */
export class UnprocessableEvent extends Error {
  override readonly name = 'UnprocessableEvent';
}

/**
 * The one wrapper of every event consumer: validates the envelope against its zod contract (a
 * consumer never trusts the bus), adds the event's ids to every log line, and lets failures
 * propagate so the platform retries and finally dead-letters the event.
 */
export function eventHandler<T extends EventType>(accepts: readonly T[], handle: (deps: Dependencies, event: EventOf<T>) => Promise<void>) {
  const core = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const type = event['detail-type'] as T;
    logger.appendKeys({ eventType: type, busEventId: event.id });
    if (!accepts.includes(type)) throw new UnprocessableEvent(`this consumer does not take ${String(type).slice(0, 60)}`);
    const parsed = EVENT_CONTRACTS[type].safeParse(event.detail);
    if (!parsed.success) {
      logger.error('event does not match its contract', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
      throw new UnprocessableEvent('event does not match its contract');
    }
    logger.appendKeys({ eventId: parsed.data.id });
    await handle(dependencies(), parsed.data as EventOf<T>);
  };
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>(core).use(injectLambdaContext(logger, { resetKeys: true }));
}
