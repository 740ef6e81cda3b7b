import { randomUUID } from 'node:crypto';
import { clientHash } from '../../shared/clients/client-history';
import { dependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { keys } from '../../shared/store/table-schema';
import { tableItems } from '../support/practice-fixture';

/*
 * The client history against DynamoDB Local: an address is an existing client of a therapist once
 * a recorded session of it has ended; addresses compare case-insensitively; the stored item keeps
 * no address (nor anything else that names the client).
 */
beforeEach(() => resetDependencies());
afterAll(() => resetDependencies());

const now = new Date('2026-12-10T12:00:00Z');
const past = '2026-12-10T11:00:00.000Z';
const future = '2026-12-10T13:00:00.000Z';
const fresh = () => ({ therapistId: `t-${randomUUID().slice(0, 8)}`, email: `Client.${randomUUID().slice(0, 8)}@Example.test` });

test('an address is existing once a recorded session has ended by now (end <= now), not before', async () => {
  const history = dependencies().clientHistory;
  const { therapistId, email } = fresh();
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
  await history.record(therapistId, email, 'b-future', future);
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
  await history.record(therapistId, email, 'b-exact', now.toISOString());
  expect(await history.existingClients(therapistId, [email], now)).toEqual([true]);
  expect(await history.existingClients(therapistId, [email], new Date(now.getTime() - 1))).toEqual([false]);
});

test('addresses compare trimmed and case-insensitively; per therapist; one answer per address asked', async () => {
  const history = dependencies().clientHistory;
  const { therapistId, email } = fresh();
  await history.record(therapistId, `  ${email.toUpperCase()} `, 'b-1', past);
  const other = fresh();
  expect(await history.existingClients(therapistId, [email.toLowerCase(), other.email, email], now)).toEqual([true, false, true]);
  expect(await history.existingClients(other.therapistId, [email], now)).toEqual([false]);
  expect(await history.existingClients(therapistId, [], now)).toEqual([]);
});

test('forget takes one session away; the others still count; the last one takes the item with it', async () => {
  const deps = dependencies();
  const history = deps.clientHistory;
  const { therapistId, email } = fresh();
  const key = keys.clientHistory(therapistId, clientHash(deps.config.manageTokenSecret, therapistId, email));
  await history.record(therapistId, email, 'b-1', past);
  await history.record(therapistId, email, 'b-2', future);
  await history.forget(therapistId, email, 'b-2');
  expect(await history.existingClients(therapistId, [email], now)).toEqual([true]);
  await history.forget(therapistId, email, 'b-1');
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
  expect((await tableItems()).filter((i) => i.PK === key.PK)).toEqual([]);
  // Forgetting what was never recorded changes nothing and creates nothing.
  await history.forget(therapistId, email, 'b-never');
  await history.forget(fresh().therapistId, email, 'b-never');
  expect((await tableItems()).filter((i) => i.PK === key.PK)).toEqual([]);
});

test('record and forget are idempotent; a record moves the session end (a reschedule)', async () => {
  const history = dependencies().clientHistory;
  const { therapistId, email } = fresh();
  await history.record(therapistId, email, 'b-1', future);
  await history.record(therapistId, email, 'b-1', future);
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
  await history.record(therapistId, email, 'b-1', past);
  expect(await history.existingClients(therapistId, [email], now)).toEqual([true]);
  await history.record(therapistId, email, 'b-1', future);
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
  await history.forget(therapistId, email, 'b-1');
  await history.forget(therapistId, email, 'b-1');
  expect(await history.existingClients(therapistId, [email], now)).toEqual([false]);
});

test('concurrent first records of one address all land', async () => {
  const history = dependencies().clientHistory;
  const { therapistId, email } = fresh();
  await Promise.all(Array.from({ length: 8 }, (_, i) => history.record(therapistId, email, `b-${i}`, future)));
  await Promise.all(Array.from({ length: 7 }, (_, i) => history.forget(therapistId, email, `b-${i}`)));
  const later = new Date(Date.parse(future));
  expect(await history.existingClients(therapistId, [email], later)).toEqual([true]);
  await history.forget(therapistId, email, 'b-7');
  expect(await history.existingClients(therapistId, [email], later)).toEqual([false]);
});

test('the stored item carries no address: not in its keys, not in any attribute, in no case', async () => {
  const deps = dependencies();
  const { therapistId, email } = fresh();
  await deps.clientHistory.record(therapistId, email, 'b-1', past);
  const hash = clientHash(deps.config.manageTokenSecret, therapistId, email);
  const items = (await tableItems()).filter((i) => i.PK === `CLIENT#${hash}`);
  expect(items).toHaveLength(1);
  expect(items[0]).toEqual({ PK: `CLIENT#${hash}`, SK: `THERAPIST#${therapistId}`, type: 'clientHistory', sessions: { 'b-1': past } });
  const text = JSON.stringify(await tableItems()).toLowerCase();
  const [local] = email.toLowerCase().split('@');
  expect(text).not.toContain(email.toLowerCase());
  expect(text).not.toContain(local);
  // Keyed: the hash is neither the plain digest of the address nor the same for another therapist or secret.
  expect(clientHash(deps.config.manageTokenSecret, `${therapistId}-x`, email)).not.toBe(hash);
  expect(clientHash(`${deps.config.manageTokenSecret}-x`, therapistId, email)).not.toBe(hash);
  expect(clientHash(deps.config.manageTokenSecret, therapistId, ` ${email.toUpperCase()}`)).toBe(hash);
});
