import type { SignInMethod } from './session';

/** Placeholder until the authorization-code + PKCE flow lands (helper hc writes the real one). */
export function cognitoSignIn(_config: { domain: string; clientId: string; redirectUri: string; logoutUri: string }): SignInMethod {
  const missing = async (): Promise<never> => {
    throw new Error('Cognito sign-in is not built yet');
  };
  return { resume: async () => undefined, begin: missing, refresh: async () => undefined, signOut: async () => undefined };
}
