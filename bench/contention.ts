import * as ddb from '@aws-sdk/client-dynamodb';
import { bookingBody, localClient, seedTherapists, slotStart } from './runtime';
import { ratio, spread, table, timed, verdict, type Timed } from './stats';

export const CONTENDERS = 100;

export interface ContentionResult {
  contenders: number;
  /** Status counts over every run: each run must be 1 × 201, 99 × 409, no 5xx. */
  runs: { created: number; conflicts: number; serverErrors: number; other: number }[];
  ms: Timed;
  ok: boolean;
}

type Plan = { target: string; body: string }[][];

/**
 * 100 clients book one slot at the same instant, over HTTP; the floor is the same booking's
 * DynamoDB calls (recorded by the api section) sent 100 times at once straight to DynamoDB Local,
 * each a booking of its own competing for the same day ledgers: one transaction commits.
 */
export async function runContention(rt: { api: string; dynamoDbEndpoint: string; origin: string }, recorded: { bookingPlan: Plan; bookingId: string; keyHash?: string }, quick: boolean): Promise<ContentionResult> {
  const reps = quick ? 2 : 5;
  const runs: ContentionResult['runs'] = [];
  const apiMs: number[] = [];
  const floorMs: number[] = [];
  const stamp = Date.now().toString(36);
  const therapists = Array.from({ length: reps }, (_, r) => `bench-c${r}-${stamp}`);
  await seedTherapists(rt.dynamoDbEndpoint, therapists);
  const client = localClient(rt.dynamoDbEndpoint, 1); // a refused transaction is an answer, not something to retry
  for (let r = 0; r < reps; r++) {
    const start = slotStart(24 * 3 + 10);
    let t = performance.now();
    const statuses = await Promise.all(Array.from({ length: CONTENDERS }, (_, i) =>
      fetch(`${rt.api}/v1/bookings`, {
        method: 'POST',
        headers: { origin: rt.origin, 'content-type': 'application/json', 'idempotency-key': `c-${stamp}-${r}-${i}` },
        body: JSON.stringify(bookingBody(therapists[r]!, start, i)),
      }).then(async (res) => (await res.arrayBuffer(), res.status)),
    ));
    apiMs.push(performance.now() - t);
    runs.push({
      created: statuses.filter((s) => s === 201).length,
      conflicts: statuses.filter((s) => s === 409).length,
      serverErrors: statuses.filter((s) => s >= 500).length,
      other: statuses.filter((s) => s !== 201 && s !== 409 && s < 500).length,
    });
    t = performance.now();
    await Promise.all(Array.from({ length: CONTENDERS }, async (_, i) => {
      for (const group of recorded.bookingPlan) {
        await Promise.all(group.map(async ({ target, body }) => {
          const text = target !== 'TransactWriteItems' ? body
            : body.replaceAll(recorded.bookingId, `${recorded.bookingId}c${r}x${i}`).replaceAll('bench-rec', `floor-c${r}-${stamp}`).replaceAll(recorded.keyHash ?? '\u0000', `${recorded.keyHash}c${r}x${i}`);
          const Command = (ddb as unknown as Record<string, new (input: unknown) => never>)[`${target}Command`]!;
          const { ClientRequestToken: _token, ...input } = JSON.parse(text) as Record<string, unknown>;
          await client.send(new Command(input)).catch((e: Error) => {
            if (e.name !== 'TransactionCanceledException' && e.name !== 'TransactionConflictException') throw e;
          });
        }));
      }
    }));
    floorMs.push(performance.now() - t);
  }
  client.destroy();
  return { contenders: CONTENDERS, runs, ms: timed(apiMs, floorMs), ok: runs.every((x) => x.created === 1 && x.conflicts === CONTENDERS - 1 && x.serverErrors === 0 && x.other === 0) };
}

export function contentionTable(r: ContentionResult): string {
  const counts = r.runs.map((x) => `${x.created}×201 ${x.conflicts}×409 ${x.serverErrors}×5xx${x.other ? ` ${x.other}×other` : ''}`);
  return [
    table(['bookings of one slot', 'all answered ms median (min–max)', 'floor ms', 'ratio', 'answers per run', 'goal'], [[String(r.contenders), spread(r.ms.value), spread(r.ms.floor), ratio(r.ms.ratio), [...new Set(counts)].join('; '), verdict(r.ok)]]),
    `goal: exactly 1 × 201, ${r.contenders - 1} × 409, 0 × 5xx in every run`,
  ].join('\n');
}
