import { readdirSync, readFileSync } from 'node:fs';
import { EVENT_CATALOG, HOLD_SWEEP, REMINDER_SWEEP, STREAM_PUBLISHER } from '../../../events/catalog';
import { EVENT_CONTRACTS, type EventType } from '../../../events/booking-events';
import { existsSync } from 'node:fs';

const samples = readdirSync('events/samples').filter((f) => f.endsWith('.json'));

test('every event type has a sample, and every sample satisfies its contract', () => {
  expect(samples.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(EVENT_CONTRACTS).sort());
  for (const file of samples) {
    const sample = JSON.parse(readFileSync(`events/samples/${file}`, 'utf8'));
    expect(EVENT_CONTRACTS[sample.type as EventType].safeParse(sample).success).toBe(true);
  }
});

test('contracts refuse a wrong version, a missing id and personal data fields are not part of them', () => {
  const sample = JSON.parse(readFileSync('events/samples/booking.confirmed.json', 'utf8'));
  expect(EVENT_CONTRACTS['booking.confirmed'].safeParse({ ...sample, version: 2 }).success).toBe(false);
  expect(EVENT_CONTRACTS['booking.confirmed'].safeParse({ ...sample, id: '' }).success).toBe(false);
  const parsed = EVENT_CONTRACTS['booking.confirmed'].parse({ ...sample, data: { ...sample.data, clients: [{ name: 'X', email: 'x@y.z' }], note: 'n' } });
  expect(JSON.stringify(parsed)).not.toMatch(/clients|note|x@y\.z/);
});

test('the catalog names existing handlers, and every event type has a consumer', () => {
  for (const consumer of [...EVENT_CATALOG, STREAM_PUBLISHER, REMINDER_SWEEP, HOLD_SWEEP]) expect(existsSync(consumer.handler)).toBe(true);
  const consumed = new Set(EVENT_CATALOG.flatMap((c) => c.events));
  for (const type of Object.keys(EVENT_CONTRACTS)) expect(consumed.has(type as EventType)).toBe(true);
  expect(new Set(EVENT_CATALOG.map((c) => c.name)).size).toBe(EVENT_CATALOG.length);
});
