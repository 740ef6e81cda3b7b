/**
 * The port through which domain events leave the domain. Bookings never publish directly: the
 * table's stream is the outbox, and the publish function turns item changes into events and hands
 * them to this port (EventBridge in AWS, the in-process bus locally).
 */
export interface DomainEventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  data: T;
}

export interface EventPublisher {
  publish(events: DomainEventEnvelope[]): Promise<void>;
}
