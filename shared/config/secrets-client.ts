import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * One secret's string, for `secrets.ts` to `import()` on first use. Through this module rather
 * than `import('@aws-sdk/client-secrets-manager')`: esbuild keeps every export of a module loaded
 * with `import()`, so the package imported that way kept all of its commands in every bundle.
 */
export const readSecretString = async (secretId: string): Promise<string | undefined> =>
  (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
