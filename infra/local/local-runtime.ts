import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { ROUTES } from '../routes';
import { ensureTable } from './create-table';
import { DEMO_THERAPIST, seedDemoPractice } from './demo-practice';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { createHttpGateway, errorReply, send } from './http-gateway';
import { loadLocalSecrets } from './local-secrets';
import { VirtualClock } from './virtual-clock';

export interface LocalRuntimeOptions {
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  /** Keep data here; undefined runs in memory. */
  dataDir?: string;
  seed: boolean;
  now?: Date;
  /** Repository root (handler paths in the route table are relative to it). */
  rootDir: string;
}

export interface LocalRuntime {
  apiUrl: string;
  demoTherapistId?: string;
  clock: VirtualClock;
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'practice-booking';

/**
 * Runs the whole system on one machine with real stand-ins: DynamoDB Local, the same handlers
 * behind a local HTTP API, a virtual clock. Handlers are configured through the same environment
 * variables the CDK stack sets, so they cannot tell where they run.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const secrets = loadLocalSecrets(options.dataDir);
  const dynamo = await startDynamoDbLocal({
    port: options.dynamoDbPort,
    ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
  });
  const stops: Array<() => Promise<void>> = [() => dynamo.stop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const publicOrigin = `http://localhost:${options.port}`;
    Object.assign(process.env, {
      TABLE_NAME: LOCAL_TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      MANAGE_TOKEN_SECRET: secrets.manageTokenSecret,
      PUBLIC_BASE_URL: publicOrigin,
      ALLOWED_ORIGINS: [publicOrigin, `http://127.0.0.1:${options.port}`].join(','),
    });
    const clock = new VirtualClock(options.now);
    overrideDependencies({ clock });
    const deps = dependencies();

    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();
    if (options.seed) await seedDemoPractice(deps, publicOrigin);

    const server = createHttpGateway({
      routes: ROUTES,
      rootDir: options.rootDir,
      allowedOrigins: () => deps.config.allowedOrigins,
      extra: (request, body, response) => localEndpoints(request, body, response, { clock, dynamo }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use: stop what runs there or set PORT`) : error),
      );
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    return { apiUrl: `http://127.0.0.1:${port}`, clock, stop, ...(options.seed ? { demoTherapistId: DEMO_THERAPIST.id } : {}) };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The `/_local/*` endpoints of API.md: never deployed. */
async function localEndpoints(
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  parts: { clock: VirtualClock; dynamo: DynamoDbLocal },
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://local');
  const json = (status: number, value: unknown) =>
    send(response, { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: Buffer.from(JSON.stringify(value)) });
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /_local/health':
      json(200, { status: 'ok' });
      return true;
    case 'GET /_local/clock':
      json(200, { now: parts.clock.now().toISOString() });
      return true;
    case 'POST /_local/clock': {
      let now: unknown;
      try {
        now = (JSON.parse(body.toString('utf8') || '{}') as { now?: unknown }).now;
      } catch {
        now = undefined;
      }
      if (typeof now !== 'string' || Number.isNaN(Date.parse(now)) || !/[zZ]|[+-]\d\d:?\d\d$/.test(now)) {
        send(response, errorReply(400, 'validation_failed', 'Give the clock an instant.', [{ path: 'now', message: 'must be an ISO 8601 instant with an offset' }]));
        return true;
      }
      parts.clock.set(new Date(now));
      json(200, { now: parts.clock.now().toISOString() });
      return true;
    }
    default:
      return false;
  }
}
