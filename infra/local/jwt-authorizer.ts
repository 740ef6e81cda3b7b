import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface JwtAuthorizerConfig {
  issuer: string;
  audience: string[];
}

/**
 * Checks a bearer token as the HTTP API's JWT authorizer does: the signature against the issuer's
 * JWKS (fetched from `<issuer>/.well-known/jwks.json`), `iss`, `aud` (or `client_id`), `exp`, `nbf`
 * against real time. It answers the claims as API Gateway hands them to the function: every value
 * a string, an array as `[a b c]`.
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig) {
  const jwks = createRemoteJWKSet(new URL(`${config.issuer}/.well-known/jwks.json`));
  return async (authorization: string | undefined): Promise<Record<string, string> | undefined> => {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'iat'] }));
    } catch {
      return undefined;
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.some((a) => config.audience.includes(a))) return undefined;
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
  };
}
