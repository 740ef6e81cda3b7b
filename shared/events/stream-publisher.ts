import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from '../logging/logger';
import { toBooking } from '../store/booking-item';
import { toStoredSeries } from '../store/series-item';
import { eventsForBookingChange } from './booking-change-events';
import { eventsForSeriesChange } from './series-change-events';
import type { EventPublisher } from './event-publisher';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
const itemOf = (image: Image) => (image ? unmarshall(image as Parameters<typeof unmarshall>[0]) : undefined);

function bookingImage(image: Image) {
  const item = itemOf(image);
  return item?.type === 'booking' ? toBooking(item) : undefined;
}

function seriesImage(image: Image) {
  const item = itemOf(image);
  return item?.type === 'series' ? toStoredSeries(item).series : undefined;
}

/** Booking items mean booking events, series items series events; every other item means nothing. */
function eventsOf(record: DynamoDBRecord) {
  const { OldImage, NewImage } = record.dynamodb ?? {};
  if (itemOf(NewImage ?? OldImage)?.type === 'series') return eventsForSeriesChange(seriesImage(OldImage), seriesImage(NewImage));
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
