import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT, exportJWK } from 'jose';
import { createJwtAuthorizer } from '../../../infra/local/jwt-authorizer';
import { LOCAL_AUDIENCE, LocalIssuer } from '../../../infra/local/local-issuer';

let server: http.Server;
let issuer: LocalIssuer;
let authorize: ReturnType<typeof createJwtAuthorizer>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url?.endsWith('/jwks.json') ? issuer.jwks() : {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/issuer`;
  issuer = await LocalIssuer.create(url);
  authorize = createJwtAuthorizer({ issuer: url, audience: [LOCAL_AUDIENCE] });
});
afterAll(() => new Promise((r) => server.close(r)));

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a token of the issuer passes, and its claims arrive as API Gateway passes them: strings', async () => {
  const claims = await authorize(`Bearer ${await issuer.mint('demo', 'admin')}`);
  expect(claims).toMatchObject({ 'custom:therapistId': 'demo', 'cognito:groups': '[admin]', iss: issuer.issuer, aud: LOCAL_AUDIENCE, token_use: 'id' });
  expect(typeof claims!.exp).toBe('string');
  expect(await authorize(await issuer.mint('demo'))).toMatchObject({ 'cognito:groups': '[therapists]' }); // without "Bearer" too
});

test('forgeries are refused: none, alg none, garbage, tampered payload, another key, expired, wrong audience, wrong issuer', async () => {
  const good = await issuer.mint('demo');
  const [header, payload, signature] = good.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const { privateKey: otherKey, publicKey } = await generateKeyPair('RS256');
  const kid = issuer.jwks().keys[0]!.kid!;
  const signWith = (key: Parameters<SignJWT['sign']>[0], body: object, head = { alg: 'RS256', kid }) => new SignJWT(body as never).setProtectedHeader(head).sign(key);
  const forgeries = {
    missing: undefined,
    garbage: 'Bearer not.a.token',
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    tampered: `${header}.${b64({ ...claims, 'custom:therapistId': 'someone-else' })}.${signature}`,
    otherKey: await signWith(otherKey, claims),
    expired: await issuerSigned({ ...claims, exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 3600 }),
    wrongAudience: await issuerSigned({ ...claims, aud: 'another-app' }),
    wrongIssuer: await issuerSigned({ ...claims, iss: 'https://evil.example' }),
    hs256WithPublicKey: await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(JSON.stringify(await exportJWK(publicKey)))),
  };
  for (const [name, token] of Object.entries(forgeries)) expect([name, await authorize(token)]).toEqual([name, undefined]);

  // Signed by the issuer's own key, so only the claim under test is wrong.
  async function issuerSigned(body: object) {
    const privateJwk = (issuer as unknown as { privateKey: Parameters<SignJWT['sign']>[0] }).privateKey;
    return signWith(privateJwk, body);
  }
});
