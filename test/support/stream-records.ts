import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { dependencies } from '../../shared/runtime/dependencies';

export interface BookingImageChange {
  eventName: string;
  oldStatus?: string;
  newStatus?: string;
  sequence?: number;
}

/**
 * The raw stream records of one booking item, oldest first, as the stream publisher receives them.
 * For a test's own table (useOwnPractice), so it stays small.
 */
export async function bookingStreamRecords(bookingId: string): Promise<DynamoDBRecord[]> {
  const { config } = dependencies();
  const options = { region: config.region, endpoint: config.dynamoDbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const tables = new DynamoDBClient(options);
  const streams = new DynamoDBStreamsClient(options);
  try {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: config.tableName }));
    const StreamArn = Table!.LatestStreamArn!;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const records: _Record[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
      while (ShardIterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
        records.push(...(page.Records ?? []));
        if (!page.Records?.length) break; // an open shard's end: nothing more was written
        ShardIterator = page.NextShardIterator;
      }
    }
    return records
      .filter((r) => r.dynamodb?.Keys?.PK?.S === `BOOKING#${bookingId}` && r.dynamodb?.Keys?.SK?.S === 'BOOKING')
      .sort((a, b) => (BigInt(a.dynamodb!.SequenceNumber!) < BigInt(b.dynamodb!.SequenceNumber!) ? -1 : 1)) as unknown as DynamoDBRecord[];
  } finally {
    tables.destroy();
    streams.destroy();
  }
}

/** Every change the table's stream holds for one booking item, oldest first: what the stream publisher would turn into events. */
export async function bookingStreamChanges(bookingId: string): Promise<BookingImageChange[]> {
  return (await bookingStreamRecords(bookingId)).map((r) => {
    const before = r.dynamodb?.OldImage ? unmarshall(r.dynamodb.OldImage as never) : undefined;
    const after = r.dynamodb?.NewImage ? unmarshall(r.dynamodb.NewImage as never) : undefined;
    return { eventName: r.eventName!, oldStatus: before?.status, newStatus: after?.status, sequence: after?.sequence };
  });
}
