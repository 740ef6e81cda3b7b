import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE } from '../../events/envelope';
import type { DomainEventEnvelope, EventPublisher } from './event-publisher';

/** Puts domain events on the practice's EventBridge bus; any failed entry fails the whole call (it is retried). */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: DomainEventEnvelope[]): Promise<void> {
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: batch.map((event) => ({
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: event.type,
            Detail: JSON.stringify(event),
            Time: new Date(event.occurredAt),
          })),
        }),
      );
      if (result.FailedEntryCount) throw new Error(`EventBridge refused ${result.FailedEntryCount} of ${batch.length} events`);
    }
  }
}
