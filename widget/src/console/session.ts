/**
 * The console's session types (the lead's shell extends this file): what a sign-in method gives
 * the shell, and how the shell asks it for tokens.
 */
export interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch */
  expiresAt: number;
}

export interface SignInMethod {
  /** On page load: finish a redirect back from sign-in if the URL carries one (then clean the URL); else undefined. */
  resume(): Promise<Tokens | undefined>;
  /** Start signing in. May navigate away (then never resolves). */
  begin(): Promise<Tokens>;
  /** New tokens without the user's help if possible (refresh token), else undefined. */
  refresh(tokens: Tokens): Promise<Tokens | undefined>;
  /** Revoke and end the session (may navigate away to the sign-out URL). */
  signOut(tokens: Tokens): Promise<void>;
}
