import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ddb from '@aws-sdk/client-dynamodb';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { ROUTES } from '../infra/routes';
import type { OperationId } from '../shared/http/operations';
import { invoke } from '../test/support/lambda-invoke';
import { BASE_DAY, bookingBody, isoDay, localClient, recordingProxy, seedTherapists, slotStart, SESSION_TYPE, type RecordedCall } from './runtime';
import { figure, num, percentile, ratio, spread, table, timed, verdict, type Figure, type Timed } from './stats';

export const CONNECTIONS = 20;
const THERAPISTS = Array.from({ length: CONNECTIONS }, (_, i) => `bench-${i}`);
const RECORDED = 'bench-rec';
const MS_PER_DAY = 86_400_000;
const availabilityQuery = { sessionTypeId: SESSION_TYPE.id, from: isoDay(BASE_DAY), to: isoDay(BASE_DAY + 30 * MS_PER_DAY), timeZone: 'America/New_York' };

/** One request's DynamoDB calls as the handler made them: calls in flight together form a group. */
type Plan = { target: string; body: string }[][];

function planOf(calls: RecordedCall[]): Plan {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const plan: Plan = [];
  let groupEnd = -Infinity;
  for (const c of sorted) {
    if (c.startedAt < groupEnd && plan.length) plan[plan.length - 1]!.push(c);
    else plan.push([c]);
    groupEnd = Math.max(c.startedAt < groupEnd ? groupEnd : -Infinity, c.endedAt);
  }
  return plan.map((g) => g.map(({ target, body }) => ({ target, body })));
}

export interface RoundTrips {
  availability: { calls: string[]; ok: boolean };
  booking: { calls: string[]; reads: number; transactions: number; ok: boolean };
}

/**
 * The calls one availability request and one booking make, counted in this process with the
 * handlers the runtime invokes (the area routers), against the runtime's table through the
 * recording proxy; with an Origin (so the CORS settings are read) and a therapist with bookings.
 */
async function recordRoundTrips(dynamoDbEndpoint: string, origin: string) {
  const proxy = await recordingProxy(dynamoDbEndpoint);
  Object.assign(process.env, {
    TABLE_NAME: 'practice-booking', DYNAMODB_ENDPOINT: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    // The origin is allowed by the practice settings only (the demo seed puts it there), so the CORS decision reads them.
    POWERTOOLS_LOG_LEVEL: 'ERROR', MANAGE_TOKEN_SECRET: 'bench-manage-token-secret-of-32-characters-or-more', PUBLIC_BASE_URL: origin, ALLOWED_ORIGINS: 'https://deployed-only.example',
  });
  // The settings are cached for a minute per container: moving Date.now an hour on before each counted
  // request makes every one meet a cold cache, as the first request of each new container does.
  const realNow = Date.now.bind(Date);
  let shift = 0;
  const expireCaches = () => { shift += 3_600_000; };
  Date.now = () => realNow() + shift;
  const handlerOf = async (id: OperationId) =>
    (await import(pathToFileURL(path.resolve(ROUTES.find((r) => r.operationId === id)!.areaHandler)).href)).handler;
  const [availability, create] = [await handlerOf('getAvailability'), await handlerOf('createBooking')];
  const book = (start: string, i: number) =>
    invoke('createBooking', create, { body: bookingBody(RECORDED, start, i), headers: { origin, 'idempotency-key': `bench-rec-${i}-${Date.now()}` } });
  // Bookings on two days, so the therapist has some; the recorded one lands on a day of its own (its ledgers are new).
  for (const [n, i] of [[2, 1], [30, 2]] as const) if ((await book(slotStart(n), i)).status !== 201) throw new Error('bench: a booking of the recorded therapist failed');
  proxy.calls.length = 0;
  expireCaches();
  const a = await invoke('getAvailability', availability, { pathParameters: { therapistId: RECORDED }, query: availabilityQuery, headers: { origin } });
  if (a.status !== 200 || !a.json.days.length) throw new Error(`bench: availability answered ${a.status}`);
  const availabilityCalls = [...proxy.calls];
  proxy.calls.length = 0;
  expireCaches();
  const b = await book(slotStart(24 * 10 + 5), 3);
  if (b.status !== 201) throw new Error(`bench: the recorded booking answered ${b.status}: ${b.text}`);
  const bookingCalls = [...proxy.calls];
  Date.now = realNow;
  await proxy.close();
  process.env.DYNAMODB_ENDPOINT = dynamoDbEndpoint;
  const transactions = bookingCalls.filter((c) => c.target === 'TransactWriteItems').length;
  const reads = bookingCalls.length - transactions;
  const trips: RoundTrips = {
    availability: { calls: availabilityCalls.map((c) => c.target), ok: availabilityCalls.length <= 2 },
    booking: { calls: bookingCalls.map((c) => c.target), reads, transactions, ok: reads <= 2 && transactions === 1 },
  };
  const keyHash = /IDEMPOTENCY#([^"]+)/.exec(bookingCalls.find((c) => c.target === 'TransactWriteItems')?.body ?? '')?.[1];
  // The load sends an origin the runtime's environment allows (no settings read, as with a warm cache): so does the floor.
  const warm = (calls: RecordedCall[]) => calls.filter((c) => !(c.target === 'GetItem' && c.body.includes('"PRACTICE"')));
  return { trips, availabilityPlan: planOf(warm(availabilityCalls)), bookingPlan: planOf(warm(bookingCalls)), bookingId: b.json.booking.id as string, keyHash };
}

/** Sends one recorded request's calls straight to DynamoDB Local with the SDK, group after group. */
async function replay(client: ddb.DynamoDBClient, plan: Plan, rewrite: (target: string, body: string) => string): Promise<void> {
  for (const group of plan) {
    await Promise.all(group.map(({ target, body }) => {
      const Command = (ddb as unknown as Record<string, new (input: unknown) => ddb.DynamoDBClient extends { send(c: infer C): unknown } ? C : never>)[`${target}Command`];
      if (!Command) throw new Error(`bench: no SDK command for ${target}`);
      // The SDK makes a fresh idempotency token for each transaction, as it did for the handler.
      const { ClientRequestToken: _token, ...input } = JSON.parse(rewrite(target, body)) as Record<string, unknown>;
      return client.send(new Command(input) as never);
    }));
  }
}

export interface LoadFigure { rps: number; p99: number; non2xx: number; errors: number }

/** The floor's load: CONNECTIONS workers replaying a plan back to back for `seconds`. */
async function floorLoad(endpoint: string, plan: Plan, seconds: number, rewrite: (n: number, target: string, body: string) => string, counter: { n: number }): Promise<LoadFigure> {
  const client = localClient(endpoint);
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < deadline) {
      const n = counter.n++;
      const t = performance.now();
      try {
        await replay(client, plan, (target, body) => rewrite(n, target, body));
        latencies.push(performance.now() - t);
      } catch (error) {
        if (errors++ === 0) firstError = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  client.destroy();
  if (latencies.length === 0) throw new Error(`bench: every floor request failed, first: ${firstError}`);
  return { rps: latencies.length / elapsed, p99: percentile(latencies, 99), non2xx: 0, errors };
}

async function apiLoad(api: string, seconds: number, request: LoadRequest): Promise<LoadFigure> {
  const r = await autocannon({ url: api, connections: CONNECTIONS, duration: seconds, requests: [request] });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

export interface ApiOperation {
  rps: Timed;
  p99: Timed;
  /** Answers that were not 2xx, and connection errors, over all runs of the API (must be 0). */
  non2xx: number;
  errors: number;
  goal: { rpsRatio: number; p99Ratio: number; ok: boolean };
}

export interface ApiResult {
  connections: number;
  seconds: number;
  roundTrips: RoundTrips;
  availability: ApiOperation;
  booking: ApiOperation;
}

const settle = (api: string) => fetch(`${api}/_local/settle`, { method: 'POST' }).then((r) => r.arrayBuffer());

export async function runApi(rt: { api: string; dynamoDbEndpoint: string; origin: string }, quick: boolean, log: (l: string) => void = () => undefined): Promise<ApiResult & { bookingPlan: Plan; bookingId: string; keyHash?: string }> {
  const runs = quick ? 1 : 3;
  const seconds = quick ? 3 : 8;
  await seedTherapists(rt.dynamoDbEndpoint, [...THERAPISTS, RECORDED]);
  const recorded = await recordRoundTrips(rt.dynamoDbEndpoint, rt.origin);
  log(`api: availability ${recorded.trips.availability.calls.join(', ')}; booking ${recorded.trips.booking.calls.join(', ')}`);
  const headers = { origin: rt.origin, 'content-type': 'application/json' };
  let booked = 0;
  const bookingRequest: LoadRequest = {
    method: 'POST', path: '/v1/bookings', headers,
    setupRequest: (req) => {
      const k = booked++;
      return { ...req, headers: { ...headers, 'idempotency-key': `bench-${k}-${BASE_DAY}` }, body: JSON.stringify(bookingBody(THERAPISTS[k % CONNECTIONS]!, slotStart(Math.floor(k / CONNECTIONS)), k)) };
    },
  };
  let asked = 0;
  const query = new URLSearchParams(availabilityQuery).toString();
  const availabilityRequest: LoadRequest = {
    method: 'GET', headers: { origin: rt.origin },
    setupRequest: (req) => ({ ...req, path: `/v1/therapists/${THERAPISTS[asked++ % CONNECTIONS]}/availability?${query}` }),
  };
  // The floor's booking transaction writes a fresh booking, ledgers and idempotency record each time (a therapist id of its own).
  const floorCounter = { n: 0 };
  const fresh = (n: number, target: string, body: string) => target !== 'TransactWriteItems' ? body
    : body.replaceAll(recorded.bookingId, `${recorded.bookingId}f${n}`).replaceAll(RECORDED, `floor-${n}`).replaceAll(recorded.keyHash ?? '\u0000', `${recorded.keyHash}f${n}`);
  const sameTherapists = (n: number, _t: string, body: string) => body.replaceAll(RECORDED, THERAPISTS[n % CONNECTIONS]!);
  const samples = { booking: { api: [] as LoadFigure[], floor: [] as LoadFigure[] }, availability: { api: [] as LoadFigure[], floor: [] as LoadFigure[] } };
  for (let r = 0; r < runs; r++) {
    await settle(rt.api);
    samples.booking.api.push(await apiLoad(rt.api, seconds, bookingRequest));
    await settle(rt.api);
    samples.booking.floor.push(await floorLoad(rt.dynamoDbEndpoint, recorded.bookingPlan, seconds, fresh, floorCounter));
    await settle(rt.api);
    samples.availability.api.push(await apiLoad(rt.api, seconds, availabilityRequest));
    samples.availability.floor.push(await floorLoad(rt.dynamoDbEndpoint, recorded.availabilityPlan, seconds, sameTherapists, { n: 0 }));
    log(`api: round ${r + 1}/${runs}: booking ${num(samples.booking.api.at(-1)!.rps)} req/s (floor ${num(samples.booking.floor.at(-1)!.rps)}), availability ${num(samples.availability.api.at(-1)!.rps)} req/s (floor ${num(samples.availability.floor.at(-1)!.rps)})`);
  }
  const operation = (s: { api: LoadFigure[]; floor: LoadFigure[] }): ApiOperation => {
    const rps = timed(s.api.map((x) => x.rps), s.floor.map((x) => x.rps));
    const p99 = timed(s.api.map((x) => x.p99), s.floor.map((x) => x.p99));
    return {
      rps, p99,
      non2xx: s.api.reduce((n, x) => n + x.non2xx, 0),
      errors: s.api.reduce((n, x) => n + x.errors, 0) + s.floor.reduce((n, x) => n + x.errors, 0),
      goal: { rpsRatio: 0.8, p99Ratio: 1.5, ok: rps.ratio >= 0.8 && p99.ratio <= 1.5 },
    };
  };
  return { connections: CONNECTIONS, seconds, roundTrips: recorded.trips, availability: operation(samples.availability), booking: operation(samples.booking), bookingPlan: recorded.bookingPlan, bookingId: recorded.bookingId, ...(recorded.keyHash ? { keyHash: recorded.keyHash } : {}) };
}

export function apiTable(r: ApiResult): string {
  const row = (name: string, o: ApiOperation) => [name, spread(o.rps.value), spread(o.rps.floor), ratio(o.rps.ratio), spread(o.p99.value, ' ms'), spread(o.p99.floor, ' ms'), ratio(o.p99.ratio), `${o.non2xx}/${o.errors}`, verdict(o.goal.ok)];
  return [
    table(['operation', 'req/s median (min–max)', 'floor req/s', 'ratio', 'p99', 'floor p99', 'ratio', 'non-2xx/errors', 'goal'], [row('availability 31 d', r.availability), row('booking', r.booking)]),
    `${r.connections} connections, ${r.seconds} s a run; goal: throughput ≥ 0.8× the floor and p99 ≤ 1.5× the floor's p99`,
    `round trips (an Origin allowed by the settings only, cold settings cache, a therapist with bookings): availability ${r.roundTrips.availability.calls.length} (${r.roundTrips.availability.calls.join(', ')}) ≤ 2 — ${verdict(r.roundTrips.availability.ok)}; ` +
      `booking ${r.roundTrips.booking.reads} reads + ${r.roundTrips.booking.transactions} transaction (${r.roundTrips.booking.calls.join(', ')}) ≤ 2 + 1 — ${verdict(r.roundTrips.booking.ok)}`,
  ].join('\n');
}

export type { Figure };
export { figure };
