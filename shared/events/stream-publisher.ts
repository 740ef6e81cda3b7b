import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from '../logging/logger';
import { toBooking } from '../store/booking-item';
import { toStoredSeries } from '../store/series-item';
import { eventsForBookingChange } from './booking-change-events';
import { eventsForSeriesChange } from './series-change-events';
import type { EventPublisher } from './event-publisher';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

/**
 * The item's `type`, read from the raw image: only booking and series items are unmarshalled. Other
 * items (delivery claims, client histories, holds…) mean nothing here, and one of them must never stop
 * the stream: the SDK that reads DynamoDB Local's stream gives an emptied map as `{}`, which
 * `unmarshall` refuses, and a refused record is retried for ever, holding back every record after it.
 */
const typeOf = (image: Image): string | undefined => (image as Record<string, { S?: string }> | undefined)?.type?.S;
const itemOf = (image: Image) => unmarshall(image as Parameters<typeof unmarshall>[0]);

function bookingImage(image: Image) {
  return typeOf(image) === 'booking' ? toBooking(itemOf(image)) : undefined;
}

function seriesImage(image: Image) {
  return typeOf(image) === 'series' ? toStoredSeries(itemOf(image)).series : undefined;
}

/** Booking items mean booking events, series items series events; every other item means nothing. */
function eventsOf(record: DynamoDBRecord) {
  const { OldImage, NewImage } = record.dynamodb ?? {};
  const type = typeOf(NewImage ?? OldImage);
  if (type === 'series') return eventsForSeriesChange(seriesImage(OldImage), seriesImage(NewImage));
  if (type !== 'booking') return [];
  return eventsForBookingChange(bookingImage(OldImage), bookingImage(NewImage));
}

/**
 * The table's stream is the outbox: every committed booking change reaches the bus through here,
 * even if the request that made it died right after the write. Records are published in order;
 * the first that fails is reported (with all after it) so the platform retries from there.
 */
export async function publishStreamRecords(events: EventPublisher, records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      const domainEvents = eventsOf(record);
      if (domainEvents.length === 0) continue;
      await events.publish(domainEvents);
      for (const event of domainEvents) logger.info('event published', { eventId: event.id, eventType: event.type, ...('seriesId' in event.data ? { seriesId: event.data.seriesId } : { bookingId: event.data.bookingId }) });
    } catch (error) {
      logger.error('stream record not published; will be retried', { streamEventId: record.eventID, errorName: (error as Error).name });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
