import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from '../logging/logger';
import { toBooking } from '../store/booking-item';
import { eventsForBookingChange } from './booking-change-events';
import type { EventPublisher } from './event-publisher';

function bookingImage(image: NonNullable<DynamoDBRecord['dynamodb']>['NewImage']) {
  if (!image) return undefined;
  const item = unmarshall(image as Parameters<typeof unmarshall>[0]);
  return item.type === 'booking' ? toBooking(item) : undefined;
}

/**
 * The table's stream is the outbox: every committed booking change reaches the bus through here,
 * even if the request that made it died right after the write. Records are published in order;
 * the first that fails is reported (with all after it) so the platform retries from there.
 */
export async function publishStreamRecords(events: EventPublisher, records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      const domainEvents = eventsForBookingChange(bookingImage(record.dynamodb?.OldImage), bookingImage(record.dynamodb?.NewImage));
      if (domainEvents.length === 0) continue;
      await events.publish(domainEvents);
      for (const event of domainEvents) logger.info('event published', { eventId: event.id, eventType: event.type, bookingId: event.data.bookingId });
    } catch (error) {
      logger.error('stream record not published; will be retried', { streamEventId: record.eventID, errorName: (error as Error).name });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
