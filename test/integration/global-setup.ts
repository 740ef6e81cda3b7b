import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/create-table';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../support/free-port';

/** One DynamoDB Local (in memory) for the whole integration run; tests isolate by therapist id. */
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
  Object.assign(process.env, {
    TABLE_NAME: 'integration-bookings',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    MANAGE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PUBLIC_BASE_URL: 'http://localhost:3999',
    ALLOWED_ORIGINS: 'https://practice.example',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'integration-bookings');
  client.destroy();
}
