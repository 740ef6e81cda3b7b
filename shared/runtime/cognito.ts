import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoDirectory } from '../identity/cognito-directory';

/**
 * The Cognito directory with its client, for `identity.ts` to `import()` on first use. Imported
 * through this module rather than `import('@aws-sdk/client-cognito-identity-provider')`: esbuild
 * keeps every export of a module loaded with `import()`, so importing the package that way kept
 * all of its commands (135 KB in the area bundles); from here it keeps the client and the seven
 * commands `CognitoDirectory` sends.
 */
export const cognitoDirectory = (region: string, userPoolId: string) =>
  new CognitoDirectory(new CognitoIdentityProviderClient({ region }), userPoolId);
