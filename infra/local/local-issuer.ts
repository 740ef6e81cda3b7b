import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { deterministicEventId } from '../../shared/events/event-id';
import { ADMIN_GROUP, GROUPS_CLAIM, THERAPIST_ID_CLAIM } from '../../shared/http/principal';

export const LOCAL_AUDIENCE = 'practice-console-local';
const ALG = 'RS256';
type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * The local stand-in for the Cognito user pool's token issuer: an RSA key (kept in the data folder),
 * a JWKS document at `<issuer>/.well-known/jwks.json`, and ID tokens shaped like Cognito's
 * (`custom:therapistId`, `cognito:groups`, `token_use: id`), valid for an hour of real time
 * (or less, when a test asks).
 */
export class LocalIssuer {
  private constructor(
    readonly issuer: string,
    private readonly privateKey: SigningKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(issuer: string, dataDir?: string): Promise<LocalIssuer> {
    const file = dataDir ? path.join(dataDir, 'local-issuer-key.json') : undefined;
    let privateJwk: JWK;
    if (file && existsSync(file)) {
      privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: ALG, use: 'sig' };
      if (file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
      }
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    return new LocalIssuer(issuer, await importJWK(privateJwk, ALG), publicJwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** An ID token for a therapist, or for an administrator (the admin group). */
  mint(therapistId: string, role: 'therapist' | 'admin' = 'therapist', lifetimeSeconds = 3600): Promise<string> {
    return new SignJWT({
      [THERAPIST_ID_CLAIM]: therapistId,
      [GROUPS_CLAIM]: role === 'admin' ? [ADMIN_GROUP] : ['therapists'],
      token_use: 'id',
    })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid!, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(deterministicEventId('local-user', therapistId, role))
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
      .sign(this.privateKey);
  }
}
