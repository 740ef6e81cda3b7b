import { CognitoDirectory } from '../../shared/identity/cognito-directory';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { CognitoPoolStandIn } from '../support/cognito-pool';
import { claimsFor } from '../support/lambda-invoke';
import { tableItems } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

// The handlers against DynamoDB Local, with the Cognito directory adapter over an in-memory pool
// (test/support/cognito-pool.ts: there is no Cognito to run locally). Decision 36.
const pool = new CognitoPoolStandIn();
beforeAll(() => overrideDependencies({ identity: new CognitoDirectory(pool.client, 'eu-west-1_test') }));
beforeEach(() => {
  pool.users.clear();
  pool.sent.length = 0;
});

const admin = claimsFor('the-admin', 'admin');
let n = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${(n += 1)}`;
const newTherapist = (overrides: Record<string, unknown> = {}) => ({ displayName: 'Dr. Kim Lee', email: `${unique('kim')}@example.test`, timeZone: 'Europe/Berlin', ...overrides });
const expectContractError = (r: { status: number; json: any }, status: number, code: string) => {
  expect(r.status).toBe(status);
  expect(r.json).toEqual({ error: { code, message: expect.any(String) } });
};
async function created(body = newTherapist()) {
  const r = await call('createTherapist', { claims: admin, body });
  expect(r.status).toBe(201);
  return r.json.therapist as { id: string; email: string };
}

describe('creating a therapist', () => {
  test('makes a sign-in named by the id, linked to the therapist, in the therapists group', async () => {
    const t = await created();
    expect(pool.commands('AdminCreateUser')).toEqual([expect.objectContaining({
      Username: t.id,
      ForceAliasCreation: false,
      UserAttributes: expect.arrayContaining([{ Name: 'email', Value: t.email }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:linkedTherapistId', Value: t.id }]),
    })]);
    expect([...pool.users.get(t.id)!.groups]).toEqual(['therapists']);
  });

  test('whose email signs in as another therapist already: 409 conflict, and nothing is written anywhere', async () => {
    const other = await created();
    const before = { users: structuredClone([...pool.users.values()].map((u) => ({ ...u, groups: [...u.groups] }))), items: (await tableItems()).length };
    const id = unique('second');
    const r = await call('createTherapist', { claims: admin, body: newTherapist({ id, email: other.email }) });
    expectContractError(r, 409, 'conflict');
    expect(pool.commands('AdminCreateUser').at(-1)).toMatchObject({ Username: id }); // refused by Cognito with AliasExistsException
    expect(await dependencies().therapists.getTherapist(id)).toBeUndefined();
    expect((await call('listTherapistsAdmin', { claims: admin })).json.therapists.map((t: { id: string }) => t.id)).not.toContain(id);
    expect([...pool.users.values()].map((u) => ({ ...u, groups: [...u.groups] }))).toEqual(before.users);
    expect((await tableItems()).filter((i) => String(i.PK).includes(id))).toEqual([]);
  });

  test('whose id is taken by a sign-in of another address: 409 conflict, nothing written', async () => {
    pool.addUser('taken-id', { email: 'someone@example.test', email_verified: 'true' }, ['admin']);
    const r = await call('createTherapist', { claims: admin, body: newTherapist({ id: 'taken-id' }) });
    expectContractError(r, 409, 'conflict');
    expect(await dependencies().therapists.getTherapist('taken-id')).toBeUndefined();
    expect(pool.users.get('taken-id')!.attributes).toEqual({ email: 'someone@example.test', email_verified: 'true' });
  });

  test('when adding the sign-in to its group fails, neither the sign-in nor the therapist is kept, and a retry works', async () => {
    const id = unique('retry');
    const body = newTherapist({ id });
    pool.failNext('AdminAddUserToGroup');
    const failed = await call('createTherapist', { claims: admin, body });
    expect(failed.status).toBe(500);
    expect(pool.users.has(id)).toBe(false);
    expect(await dependencies().therapists.getTherapist(id)).toBeUndefined();
    expect((await call('createTherapist', { claims: admin, body })).status).toBe(201);
    expect(pool.users.get(id)!.enabled).toBe(true);
  });
});

describe('the practice owner, an admin who signs in already, becomes a therapist', () => {
  test('the existing sign-in is linked, can use /v1/me, stays an admin, and is not disabled with the therapist profile', async () => {
    const email = `${unique('owner')}@example.test`;
    pool.addUser('owner', { email, email_verified: 'true' }, ['admin']); // the README's bootstrap
    const r = await call('createTherapist', { claims: admin, body: newTherapist({ email, displayName: 'Dr. Owner' }) });
    expect(r.status).toBe(201);
    const id = r.json.therapist.id as string;
    expect(pool.users.size).toBe(1);
    expect(pool.users.get('owner')!.attributes['custom:linkedTherapistId']).toBe(id);
    expect([...pool.users.get('owner')!.groups].sort()).toEqual(['admin', 'therapists']);

    // The owner's next ID token carries the link (Cognito puts readable custom attributes in it).
    const owner = { sub: 'sub-owner', 'custom:linkedTherapistId': id, 'cognito:groups': '[admin therapists]', token_use: 'id' };
    expect((await call('getMe', { claims: owner })).json.therapist).toMatchObject({ id, email, active: true });
    expect((await call('listTherapistsAdmin', { claims: owner })).status).toBe(200);

    expect((await call('deactivateTherapist', { claims: owner, pathParameters: { therapistId: id } })).status).toBe(200);
    expect(pool.commands('AdminDisableUser')).toEqual([]);
    expect(pool.users.get('owner')!.enabled).toBe(true);
    expect((await call('getMe', { claims: owner })).status).toBe(403);
    expect((await call('listTherapistsAdmin', { claims: owner })).status).toBe(200);

    // Their email change moves the owner's sign-in (named "owner", not by the therapist id).
    const changed = await call('updateTherapist', { claims: owner, pathParameters: { therapistId: id }, body: newTherapist({ email: `${unique('owner-new')}@example.test`, active: true }) });
    expect(changed.status).toBe(200);
    expect(pool.commands('AdminUpdateUserAttributes').at(-1)).toMatchObject({ Username: 'owner' });
  });

  test('an email that signs in already as a therapist of the same id is a retry, not a conflict', async () => {
    const email = `${unique('linked')}@example.test`;
    pool.addUser('owner2', { email, email_verified: 'true', 'custom:linkedTherapistId': 'same-id' }, ['admin']);
    const r = await call('createTherapist', { claims: admin, body: newTherapist({ id: 'same-id', email }) });
    expect(r.status).toBe(201);
  });
});

describe('re-activating a therapist', () => {
  test('enables their sign-in again', async () => {
    const t = await created();
    expect((await call('deactivateTherapist', { claims: admin, pathParameters: { therapistId: t.id } })).status).toBe(200);
    expect(pool.users.get(t.id)!.enabled).toBe(false);
    const r = await call('updateTherapist', { claims: admin, pathParameters: { therapistId: t.id }, body: newTherapist({ email: t.email, active: true }) });
    expect(r.status).toBe(200);
    expect(r.json.therapist.active).toBe(true);
    expect(pool.commands('AdminEnableUser')).toEqual([{ UserPoolId: 'eu-west-1_test', Username: t.id }]);
    expect(pool.users.get(t.id)!.enabled).toBe(true);
    expect((await call('getMe', { claims: claimsFor(t.id) })).status).toBe(200);
  });

  test('deactivating through PUT active: false disables the sign-in too', async () => {
    const t = await created();
    const r = await call('updateTherapist', { claims: admin, pathParameters: { therapistId: t.id }, body: newTherapist({ email: t.email, active: false }) });
    expect(r.status).toBe(200);
    expect(pool.users.get(t.id)!.enabled).toBe(false);
  });
});

describe('email changes follow the therapist', () => {
  test("an admin's change moves the sign-in at once, verified", async () => {
    const t = await created();
    const email = `${unique('moved')}@example.test`;
    expect((await call('updateTherapist', { claims: admin, pathParameters: { therapistId: t.id }, body: newTherapist({ email }) })).status).toBe(200);
    expect(pool.commands('AdminUpdateUserAttributes')).toEqual([{ UserPoolId: 'eu-west-1_test', Username: t.id, UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }]);
    expect(pool.users.get(t.id)!.attributes.email).toBe(email);
  });

  test("the therapist's own change waits for the new address to confirm it; the old one stays their sign-in", async () => {
    const t = await created();
    const email = `${unique('mine')}@example.test`;
    expect((await call('putMe', { claims: claimsFor(t.id), body: { displayName: 'Dr. Kim Lee', email } })).status).toBe(200);
    expect(pool.commands('AdminUpdateUserAttributes')).toEqual([{ UserPoolId: 'eu-west-1_test', Username: t.id, UserAttributes: [{ Name: 'email', Value: email }] }]);
    expect(pool.users.get(t.id)!).toMatchObject({ pendingEmail: email, attributes: expect.objectContaining({ email: t.email }) });
    expect((await dependencies().therapists.getTherapist(t.id))!.email).toBe(email);
  });

  test('saving the profile without a new email does not touch the sign-in', async () => {
    const t = await created();
    expect((await call('putMe', { claims: claimsFor(t.id), body: { displayName: 'Dr. K. Lee', email: t.email } })).status).toBe(200);
    expect(pool.commands('AdminUpdateUserAttributes')).toEqual([]);
  });

  test('to an address another sign-in has: 409 conflict, and the therapist keeps the old address', async () => {
    const t = await created();
    const other = await created();
    const r = await call('updateTherapist', { claims: admin, pathParameters: { therapistId: t.id }, body: newTherapist({ email: other.email }) });
    expectContractError(r, 409, 'conflict');
    expect((await dependencies().therapists.getTherapist(t.id))!.email).toBe(t.email);
    expect(pool.users.get(t.id)!.attributes.email).toBe(t.email);
  });
});
