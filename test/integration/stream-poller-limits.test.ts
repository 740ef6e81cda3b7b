import { BatchWriteItemCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { STREAM_PUBLISHER } from '../../events/catalog';
import { DEPLOYED_LIMITS } from '../../infra/deployed-limits';
import { ensureTable } from '../../infra/local/create-table';
import { DeadLetters } from '../../infra/local/dead-letters';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { StreamPoller } from '../../infra/local/stream-poller';

/*
 * The local stream poller hands the publisher at most the deployed stream batch size of records,
 * with the deployed timeout (infra/deployed-limits.ts; the template side is
 * test/infra/deployed-behaviour.test.ts). A table of its own, so no other file's records count.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const region = process.env.AWS_REGION!;
const tableName = `poller-limits-${Math.random().toString(36).slice(2, 8)}`;
const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

beforeAll(() => ensureTable(client, tableName));
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

test('records written together reach the publisher in batches of at most the deployed size, with the deployed timeout', async () => {
  const count = DEPLOYED_LIMITS.streamBatchSize + 5;
  for (let i = 0; i < count; i += 25) {
    const items = Array.from({ length: Math.min(25, count - i) }, (_, j) => ({ PutRequest: { Item: { PK: { S: `LIMITS#${i + j}` }, SK: { S: 'ITEM' } } } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: items } }));
  }
  const batches: number[] = [];
  const deadlines = new Set<number>();
  const publisher: LambdaHandler = async (event: DynamoDBStreamEvent, context) => {
    batches.push(event.Records.length);
    deadlines.add(Math.round(context.getRemainingTimeInMillis() / 1000));
    return { batchItemFailures: [] };
  };
  const poller = new StreamPoller({
    endpoint, region, tableName, handlerFile: STREAM_PUBLISHER.handler, functionName: STREAM_PUBLISHER.name,
    loader: { load: async () => publisher }, deadLetters: new DeadLetters(), pollMs: 50,
  });
  await poller.start();
  try {
    await poller.quiet();
  } finally {
    await poller.stop();
  }
  expect(batches.reduce((a, b) => a + b, 0)).toBe(count);
  expect(Math.max(...batches)).toBe(DEPLOYED_LIMITS.streamBatchSize);
  expect([...deadlines]).toEqual([DEPLOYED_LIMITS.streamPublisherTimeoutSeconds]);
});
