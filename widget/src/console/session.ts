/** Tokens of one sign-in. Kept in memory only: a reload signs in again (decision 57). */
export interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch */
  expiresAt: number;
}

/**
 * Where tokens come from: Cognito's managed login in AWS, the local issuer's page on a developer's
 * machine. Everything else in the console is the same code whichever of the two it is given.
 */
export interface SignInMethod {
  /** On page load: finish a redirect back from sign-in if the URL carries one (then clean the URL); else undefined. */
  resume(): Promise<Tokens | undefined>;
  /**
   * Start signing in. May navigate away (then never resolves). `notice` says why (the sign-in
   * ended): a method that draws its own page in the console shows it there.
   */
  begin(notice?: string): Promise<Tokens>;
  /** New tokens without the user's help if possible (refresh token), else undefined. */
  refresh(tokens: Tokens): Promise<Tokens | undefined>;
  /** Revoke and end the session (may navigate away to the sign-out URL). */
  signOut(tokens: Tokens): Promise<void>;
}

/** Who a token speaks for, read from its claims (the API verifies them; the console only adapts its menus). */
export interface Account {
  subject: string;
  therapistId?: string;
  admin: boolean;
  /** ms since epoch */
  expiresAt: number;
}

export function accountOf(idToken: string): Account {
  const payload = idToken.split('.')[1] ?? '';
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const linked = claims['custom:linkedTherapistId'];
  const legacy = claims['custom:therapistId'];
  const therapistId = typeof linked === 'string' && linked ? linked : typeof legacy === 'string' && legacy ? legacy : undefined;
  const groups = claims['cognito:groups'];
  return {
    subject: String(claims.sub ?? ''),
    ...(therapistId ? { therapistId } : {}),
    admin: Array.isArray(groups) && groups.includes('admin'),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : 0,
  };
}

/** A token this close to its end is treated as ended: the request would arrive after it. */
export const EXPIRY_MARGIN_MS = 30_000;
