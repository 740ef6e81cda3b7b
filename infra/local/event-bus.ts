import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { EVENT_CATALOG, type EventConsumer } from '../../events/catalog';
import { EVENT_SOURCE } from '../../events/envelope';
import type { DomainEventEnvelope, EventPublisher } from '../../shared/events/event-publisher';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { DeadLetters } from './dead-letters';
import type { HandlerSource } from './handler-loader';
import { invokeWithTimeout } from './invoke';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the second attempt; it doubles each time. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Retries over about five minutes, so an SES outage of a few minutes loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, firstDelayMs: 500, maxDelayMs: 60_000 };

/** One event on its way to one consumer, as one SQS message. */
interface Delivery {
  consumer: EventConsumer;
  event: DomainEventEnvelope;
  attempt: number;
}

/**
 * The local stand-in for EventBridge and the queue before each consumer: routes each event by the
 * same catalog the CDK rules are made from, hands it to the consumer as the queue does (an SQS
 * batch of up to the deployed batch size, each body an EventBridge event; what is ready together
 * goes together), with the deployed timeout, redelivers each failed record with back-off, and
 * dead-letters what never succeeds.
 */
export class LocalEventBus implements EventPublisher {
  private pending = 0;
  private deliveries = 0;
  private waiters: Array<() => void> = [];
  /** Records ready for each consumer, handed over together on the next turn of the event loop. */
  private ready = new Map<EventConsumer, Delivery[]>();

  constructor(
    private readonly loader: HandlerSource,
    private readonly deadLetters: DeadLetters,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly catalog: EventConsumer[] = EVENT_CATALOG,
    private readonly batchSize: number = DEPLOYED_LIMITS.consumerBatchSize,
    private readonly timeoutSeconds: number = DEPLOYED_LIMITS.consumerTimeoutSeconds,
  ) {}

  async publish(events: DomainEventEnvelope[]): Promise<void> {
    for (const event of events) {
      for (const consumer of this.catalog.filter((c) => (c.events as string[]).includes(event.type))) {
        this.deliver({ consumer, event, attempt: 1 });
      }
    }
  }

  /** How many deliveries to consumers (first attempts and retries, per record) have been made so far. */
  get delivered(): number {
    return this.deliveries;
  }

  /** Resolves when nothing is in flight or waiting for a retry. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private deliver(delivery: Delivery, delayMs = 0): void {
    this.pending++;
    this.deliveries++;
    setTimeout(() => {
      const ready = this.ready.get(delivery.consumer);
      if (ready) return void ready.push(delivery);
      this.ready.set(delivery.consumer, [delivery]);
      setTimeout(() => this.flush(delivery.consumer), 0);
    }, delayMs);
  }

  /** Hands what is ready for the consumer over in batches of at most the batch size, as Lambda's SQS poller does. */
  private flush(consumer: EventConsumer): void {
    const ready = this.ready.get(consumer) ?? [];
    this.ready.delete(consumer);
    for (let i = 0; i < ready.length; i += this.batchSize) void this.invoke(consumer, ready.slice(i, i + this.batchSize));
  }

  private async invoke(consumer: EventConsumer, deliveries: Delivery[]): Promise<void> {
    const records = deliveries.map((d) => ({ delivery: d, messageId: randomUUID() }));
    const batch: SQSEvent = { Records: records.map(({ delivery, messageId }) => sqsRecord(delivery, messageId)) };
    let failed: Set<string>;
    let errorName = 'ConsumerFailed';
    try {
      const handler = await this.loader.load(consumer.handler);
      const response = await invokeWithTimeout<SQSBatchResponse | undefined>(handler, batch, consumer.name, this.timeoutSeconds);
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown error (or a timeout) fails the whole batch: every record comes back.
      errorName = (error as Error)?.name ?? 'Error';
      failed = new Set(records.map((r) => r.messageId));
    }
    for (const { delivery, messageId } of records) {
      if (failed.has(messageId)) {
        if (delivery.attempt >= this.retry.maxAttempts) {
          this.deadLetters.add({ source: consumer.name, at: new Date().toISOString(), attempts: delivery.attempt, errorName, payload: delivery.event });
        } else {
          const next = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (delivery.attempt - 1));
          this.deliver({ ...delivery, attempt: delivery.attempt + 1 }, next);
        }
      }
      this.settle();
    }
  }

  private settle(): void {
    this.pending--;
    if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** The SQS message the queue holds for one delivery: its body is the event as EventBridge delivered it. */
function sqsRecord({ consumer, event, attempt }: Delivery, messageId: string): SQSEvent['Records'][number] {
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
  return {
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
  };
}
