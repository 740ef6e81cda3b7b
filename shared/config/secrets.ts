let loading: Promise<void> | undefined;

/**
 * In AWS the manage-token key lives in Secrets Manager; a function that needs it gets its ARN
 * (`MANAGE_TOKEN_SECRET_ARN`) and reads it once per container, before its first request. Locally
 * (and in tests) `MANAGE_TOKEN_SECRET` is set directly and nothing is fetched.
 */
export function loadSecrets(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.MANAGE_TOKEN_SECRET || !env.MANAGE_TOKEN_SECRET_ARN) return Promise.resolve();
  const secretId = env.MANAGE_TOKEN_SECRET_ARN;
  // The client is loaded here, not at a cold start: functions without the secret never load it.
  loading ??= import('./secrets-client')
    .then(({ readSecretString }) => readSecretString(secretId))
    .then((secret) => {
      if (!secret) throw new Error('the manage-token secret is empty');
      env.MANAGE_TOKEN_SECRET = secret;
    })
    .catch((error: unknown) => {
      loading = undefined; // the next request tries again
      throw error;
    });
  return loading;
}
