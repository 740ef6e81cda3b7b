import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/create-table';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startLocalSes } from '../../infra/local/ses-server';
import { freePort } from '../support/free-port';

/** One DynamoDB Local (in memory) and one local SES server for the whole integration run; tests
 * isolate by therapist id and by recipient address. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startLocalSes(await freePort());
  Object.assign(globalThis, { __stops: [() => dynamo.stop(), () => ses.stop()] });
  Object.assign(process.env, {
    TABLE_NAME: 'integration-bookings',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    MANAGE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    // Calendar passwords are sealed with a local key, as `npm start` does; feeds may be served on loopback.
    CALENDAR_SECRET_KEY: randomBytes(32).toString('base64'),
    CALENDAR_ALLOW_LOOPBACK_HTTP: '1',
    PUBLIC_BASE_URL: 'http://localhost:3999',
    ALLOWED_ORIGINS: 'https://practice.example',
    // Like the demo practice: bookings are instant unless a test turns verification on (issue 14),
    // and the abuse limits are high unless a test lowers them in a practice of its own (issue 17).
    PRACTICE_SETTINGS_DEFAULTS: JSON.stringify({
      verifyClientEmail: 'off',
      limits: { bookingsPerSourcePerHour: 1000, activeBookingsPerClient: 1000, verificationEmailsPerAddressPerDay: 1000 },
    }),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
  });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'integration-bookings');
  client.destroy();
}
