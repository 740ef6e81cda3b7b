import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { httpClient } from '../support/http-client';
import { startNpmStart, type RunningRuntime } from '../support/npm-start';

/** Waits (up to 10 s) until no DynamoDB Local runs on this port; answers what is left. */
async function dynamoDbLocalGone(port: number): Promise<string[]> {
  for (let i = 0; i < 40 && dynamoDbLocalProcesses(port).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
  return dynamoDbLocalProcesses(port);
}

/** Java processes of a DynamoDB Local listening on this port. */
function dynamoDbLocalProcesses(port: number): string[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.jar -port ${port} `], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('npm start across restarts', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'booking-data-'));
  let runtime: RunningRuntime | undefined;
  afterAll(async () => {
    await runtime?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('keeps data and manage links in the data folder, seeds once, and leaves no Java process on Ctrl-C', async () => {
    runtime = await startNpmStart({ LOCAL_IN_MEMORY: '0', LOCAL_DATA_DIR: dataDir, LOCAL_NOW: '2026-12-01T12:00:00Z' });
    expect(runtime.output()).toMatch(/API: +http:\/\/127\.0\.0\.1:\d+/);
    expect(runtime.output()).toMatch(/Demo therapist id: demo/);
    let http = httpClient(runtime.api);
    const clock = await http('GET', '/_local/clock');
    expect(Date.parse(clock.json.now) - Date.parse('2026-12-01T12:00:00Z')).toBeLessThan(60_000); // LOCAL_NOW, running on
    const slots = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-02');
    const start = slots.json.days[0].slots[0].start;
    const booked = await http('POST', '/v1/bookings', {
      therapistId: 'demo', sessionTypeId: 'individual-50', start, timeZone: 'UTC', clients: [{ name: 'Kim', email: 'kim@example.test' }], policyAccepted: true,
    });
    expect(booked.status).toBe(201);

    const port = runtime.dynamoDbPort;
    expect(dynamoDbLocalProcesses(port)).toHaveLength(1);
    // Ctrl-C: npm passes the signal on and ends by it; the runtime itself stops everything first.
    const exit = await runtime.stop('SIGINT');
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
    expect(runtime.output()).toMatch(/SIGINT: stopping/);
    expect(await dynamoDbLocalGone(port)).toEqual([]);

    runtime = await startNpmStart({ LOCAL_IN_MEMORY: '0', LOCAL_DATA_DIR: dataDir, LOCAL_NOW: '2026-12-01T12:00:00Z' });
    http = httpClient(runtime.api);
    const again = await http('GET', `/v1/bookings/${booked.json.booking.id}`, undefined, { authorization: `Bearer ${booked.json.manageToken}` });
    expect(again.status).toBe(200);
    expect(again.json.booking.status).toBe('confirmed');
    const therapists = await http('GET', '/v1/therapists');
    expect(therapists.json.therapists.filter((t: { id: string }) => t.id === 'demo')).toHaveLength(1);
    expect(therapists.json.therapists[0].sessionTypes).toHaveLength(2);
    const stopped = await runtime.stop('SIGTERM');
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
    expect(await dynamoDbLocalGone(runtime.dynamoDbPort)).toEqual([]);
    runtime = undefined;
  });

  test('LOCAL_SEED=0 starts an empty practice', async () => {
    runtime = await startNpmStart({ LOCAL_SEED: '0' });
    const http = httpClient(runtime.api);
    expect((await http('GET', '/v1/therapists')).json).toEqual({ therapists: [] });
    expect(runtime.output()).not.toMatch(/Demo therapist id/);
    await runtime.stop();
    runtime = undefined;
  });
});
