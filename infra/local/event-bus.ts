import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { EVENT_CATALOG, type EventConsumer } from '../../events/catalog';
import { EVENT_SOURCE } from '../../events/envelope';
import type { DomainEventEnvelope, EventPublisher } from '../../shared/events/event-publisher';
import { lambdaContext } from './api-gateway-event';
import type { DeadLetters } from './dead-letters';
import type { HandlerSource } from './handler-loader';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the second attempt; it doubles each time. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Retries over about five minutes, so an SES outage of a few minutes loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, firstDelayMs: 500, maxDelayMs: 60_000 };

/**
 * The local stand-in for EventBridge and the queue before each consumer: routes each event by the
 * same catalog the CDK rules are made from, hands it to the consumer as the queue does (an SQS
 * batch whose body is the EventBridge event), redelivers failed records with back-off, and
 * dead-letters what never succeeds.
 */
export class LocalEventBus implements EventPublisher {
  private pending = 0;
  private deliveries = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly loader: HandlerSource,
    private readonly deadLetters: DeadLetters,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly catalog: EventConsumer[] = EVENT_CATALOG,
  ) {}

  async publish(events: DomainEventEnvelope[]): Promise<void> {
    for (const event of events) {
      for (const consumer of this.catalog.filter((c) => (c.events as string[]).includes(event.type))) {
        this.deliver(consumer, event, 1);
      }
    }
  }

  /** How many deliveries to consumers (first attempts and retries) have been made so far. */
  get delivered(): number {
    return this.deliveries;
  }

  /** Resolves when nothing is in flight or waiting for a retry. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private deliver(consumer: EventConsumer, event: DomainEventEnvelope, attempt: number, delayMs = 0): void {
    this.pending++;
    this.deliveries++;
    const busEvent: EventBridgeEvent<string, DomainEventEnvelope> = {
      version: '0',
      id: randomUUID(),
      'detail-type': event.type,
      source: EVENT_SOURCE,
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'local',
      resources: [],
      detail: event,
    };
    const messageId = randomUUID();
    const batch: SQSEvent = {
      Records: [
        {
          messageId,
          receiptHandle: messageId,
          body: JSON.stringify(busEvent),
          attributes: {
            ApproximateReceiveCount: String(attempt),
            SentTimestamp: String(Date.now()),
            SenderId: 'events.amazonaws.com',
            ApproximateFirstReceiveTimestamp: String(Date.now()),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:local:000000000000:${consumer.name}`,
          awsRegion: 'local',
        },
      ],
    };
    setTimeout(() => {
      void this.loader
        .load(consumer.handler)
        .then((handler) => handler(batch, lambdaContext(consumer.name, 30_000)) as Promise<SQSBatchResponse | undefined>)
        .then((response) => {
          if (response?.batchItemFailures?.some((f) => f.itemIdentifier === messageId)) throw Object.assign(new Error('record failed'), { name: 'ConsumerFailed' });
        })
        .then(
          () => undefined,
          (error: Error) => {
            if (attempt >= this.retry.maxAttempts) {
              this.deadLetters.add({ source: consumer.name, at: new Date().toISOString(), attempts: attempt, errorName: error?.name ?? 'Error', payload: event });
            } else {
              const next = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempt - 1));
              this.deliver(consumer, event, attempt + 1, next);
            }
          },
        )
        .finally(() => this.settle());
    }, delayMs);
  }

  private settle(): void {
    this.pending--;
    if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
}
