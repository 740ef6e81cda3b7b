import { DecryptCommand, EncryptCommand, KMSClient, type DecryptCommandInput, type EncryptCommandInput, type KMSClientConfig } from '@aws-sdk/client-kms';

/**
 * The KMS client with the two commands the calendar box uses, for kms-secret-box.ts to `import()`
 * on first use. Through this module rather than `import('@aws-sdk/client-kms')`: esbuild keeps
 * every export of a module loaded with `import()`, so the package imported that way would keep all
 * of its commands in the bundle (as shared/config/secrets-client.ts does for Secrets Manager).
 */
export function kmsClient(config: KMSClientConfig) {
  const client = new KMSClient(config);
  return {
    encrypt: (input: EncryptCommandInput) => client.send(new EncryptCommand(input)),
    decrypt: (input: DecryptCommandInput) => client.send(new DecryptCommand(input)),
  };
}

export type KmsClient = ReturnType<typeof kmsClient>;
