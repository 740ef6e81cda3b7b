import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WeeklySchedule } from '../shared/domain/schedule';
import { TherapistRepository } from '../shared/store/therapist-repository';
import { LOCAL_TABLE_NAME } from '../infra/local/local-runtime';
import { startNpmStart, type RunningRuntime } from '../test/support/npm-start';

/** `npm start` on free ports (its DynamoDB Local, SES server, gateway), as a newcomer runs it; stop() ends its whole process group. */
export async function startRuntime(): Promise<RunningRuntime & { dynamoDbEndpoint: string; origin: string }> {
  const runtime = await startNpmStart({ LOCAL_SEED: '1' });
  const port = new URL(runtime.api).port;
  return { ...runtime, dynamoDbEndpoint: `http://127.0.0.1:${runtime.dynamoDbPort}`, origin: `http://localhost:${port}` };
}

/** A client of DynamoDB Local configured as the handlers' (shared/store/dynamo-client.ts: 3 attempts), or with `maxAttempts`. */
export const localClient = (endpoint: string, maxAttempts = 3) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts });

const MS_PER_DAY = 86_400_000;
/** The first bench day: three days ahead of the real clock (the runtime's clock is left alone), at UTC midnight. */
export const BASE_DAY = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY + 3 * MS_PER_DAY;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Bench therapists: in UTC, hours round the clock every day, a 50-minute session every hour (with its 10-minute buffer: 24 distinct slots a day). */
export const BENCH_SCHEDULE: WeeklySchedule = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
  bufferMinutes: 10,
  minimumNoticeMinutes: 0,
  horizonDays: 730,
  slotIntervalMinutes: 60,
};
export const SESSION_TYPE = { id: 'individual-50', name: 'Individual session', kind: 'individual' as const, durationMinutes: 50, modality: 'telehealth' as const };

/** Writes therapists straight into the runtime's table (as the demo seed does), so the bench needs no sign-in. */
export async function seedTherapists(endpoint: string, ids: string[]): Promise<void> {
  const client = localClient(endpoint);
  const repo = new TherapistRepository(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), LOCAL_TABLE_NAME);
  for (const id of ids) {
    await repo.putTherapist({ id, displayName: `Bench ${id}`, email: `${id}@example.test`, timeZone: 'UTC', active: true });
    await repo.putSchedule(id, BENCH_SCHEDULE);
    await repo.putSessionType(id, SESSION_TYPE);
  }
  client.destroy();
}

/** Slot n of a bench therapist: day n / 24, hour n % 24, from BASE_DAY. */
export const slotStart = (n: number) => new Date(BASE_DAY + Math.floor(n / 24) * MS_PER_DAY + (n % 24) * 3_600_000).toISOString().replace('.000Z', 'Z');

export const bookingBody = (therapistId: string, start: string, i: number) => ({
  therapistId,
  sessionTypeId: SESSION_TYPE.id,
  start,
  timeZone: 'Europe/Berlin',
  clients: [{ name: `Bench Client ${i}`, email: `bench${i}@example.test` }],
  policyAccepted: true,
});

export interface RecordedCall {
  target: string; // e.g. Query, TransactWriteItems
  body: string; // the JSON the client sent
  startedAt: number;
  endedAt: number;
}

/**
 * A recording proxy in front of DynamoDB Local: the instrumented client of the round-trip counts.
 * Every request is counted with its body and timing, whoever sends it, and passed on unchanged
 * (DynamoDB Local does not check signatures).
 */
export async function recordingProxy(target: string): Promise<{ endpoint: string; calls: RecordedCall[]; close(): Promise<void> }> {
  const calls: RecordedCall[] = [];
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call: RecordedCall = { target: String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '', body: body.toString('utf8'), startedAt: performance.now(), endedAt: 0 };
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => {
          call.endedAt = performance.now();
          calls.push(call);
        });
      });
      out.on('error', (e) => res.destroy(e));
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((r) => { agent.destroy(); server.closeAllConnections(); server.close(() => r()); }),
  };
}
