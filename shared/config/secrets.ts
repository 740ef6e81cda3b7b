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
  loading ??= import('@aws-sdk/client-secrets-manager')
    .then(({ GetSecretValueCommand, SecretsManagerClient }) => new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId })))
    .then((result) => {
      if (!result.SecretString) throw new Error('the manage-token secret is empty');
      env.MANAGE_TOKEN_SECRET = result.SecretString;
    })
    .catch((error: unknown) => {
      loading = undefined; // the next request tries again
      throw error;
    });
  return loading;
}
