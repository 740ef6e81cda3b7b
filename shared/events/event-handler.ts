import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from '../validation/zod';
import { EVENT_CONTRACTS, type EventType } from '../../events/booking-events';
import { loadSecrets } from '../config/secrets';
import { logger } from '../logging/logger';
import { dependencies, type Dependencies } from '../runtime/dependencies';

type EventOf<T extends EventType> = z.infer<(typeof EVENT_CONTRACTS)[T]>;

/** An event that can never be handled: retrying will not help; it belongs in the dead-letter queue. */
export class UnprocessableEvent extends Error {
  override readonly name = 'UnprocessableEvent';
}

type BusEvent = EventBridgeEvent<string, unknown>;

/**
 * The one wrapper of every event consumer: validates the envelope against its zod contract (a
 * consumer never trusts the bus), adds the event's ids to every log line, and lets failures
 * propagate so the platform retries and finally dead-letters the event.
 *
 * It takes the events as EventBridge delivers them to a queue and the queue to the function (an
 * SQS batch; failed records are reported one by one), and also as a rule delivers them directly.
 */
export function eventHandler<T extends EventType>(accepts: readonly T[], handle: (deps: Dependencies, event: EventOf<T>) => Promise<void>) {
  const core = async (event: SQSEvent | BusEvent): Promise<SQSBatchResponse | void> => {
    if (!('Records' in event)) return one(event);
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await one(JSON.parse(record.body) as BusEvent);
      } catch (error) {
        logger.warn('event not handled; the queue will redeliver it', { messageId: record.messageId, errorName: (error as Error).name });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
  const one = async (event: BusEvent): Promise<void> => {
    const type = event['detail-type'] as T;
    logger.appendKeys({ eventType: type, busEventId: event.id });
    if (!accepts.includes(type)) throw new UnprocessableEvent(`this consumer does not take ${String(type).slice(0, 60)}`);
    const parsed = EVENT_CONTRACTS[type].safeParse(event.detail);
    if (!parsed.success) {
      logger.error('event does not match its contract', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
      throw new UnprocessableEvent('event does not match its contract');
    }
    logger.appendKeys({ eventId: parsed.data.id });
    await loadSecrets();
    await handle(dependencies(), parsed.data as EventOf<T>);
  };
  return middy<SQSEvent | BusEvent, SQSBatchResponse | void, Error, Context>(core).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
}
