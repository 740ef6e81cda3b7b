import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { EVENT_SOURCE } from '../../events/envelope';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';

/** A domain event as EventBridge hands it to a consumer. */
export function bridgeEvent(event: DomainEventEnvelope | (Omit<DomainEventEnvelope, 'data'> & { data: unknown })): EventBridgeEvent<string, unknown> {
  return {
    version: '0', id: randomUUID(), 'detail-type': event.type, source: EVENT_SOURCE, account: '000000000000',
    time: new Date().toISOString(), region: 'local', resources: [], detail: event,
  };
}
