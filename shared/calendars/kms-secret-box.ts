import type { KMSClientConfig } from '@aws-sdk/client-kms';
import type { KmsClient } from './kms-client';
import type { SecretBox } from './secret-box';

const PREFIX = 'kms1.';

export interface KmsOptions {
  keyId: string;
  region: string;
  /** Only for tests: where the requests go instead of `https://kms.<region>.amazonaws.com/`. */
  endpoint?: string;
  /** Only for tests: in Lambda the SDK finds the function's role credentials in its environment. */
  credentials?: KMSClientConfig['credentials'];
  /** Only for tests: the transport under the SDK's signing and serialising (a fault a stand-in cannot produce). */
  requestHandler?: KMSClientConfig['requestHandler'];
}

/**
 * KMS Encrypt and Decrypt with the key the stack creates for calendar passwords (decision 94),
 * through `@aws-sdk/client-kms` (decision 123). The client is imported and built on the first seal
 * or open, not when this module loads: this module is itself imported on first use
 * (shared/runtime/calendars.ts), and keeping the SDK behind a second `import()` means a function
 * that only reads its config never evaluates it. The encryption context binds a ciphertext to its
 * source, and is what CloudTrail shows instead of the secret.
 */
export function kmsSecretBox(options: KmsOptions): SecretBox {
  let kms: Promise<KmsClient> | undefined;
  const load = () =>
    (kms ??= import('./kms-client').then(({ kmsClient }) =>
      kmsClient({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
      }),
    ));
  /** The command's answer; a refusal becomes an error naming KMS's type and status only (its message may echo the key or context). */
  const call = async <T>(target: 'Encrypt' | 'Decrypt', send: (client: KmsClient) => Promise<T>): Promise<T> => {
    const client = await load();
    try {
      return await send(client);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw new Error(['KMS', target, 'failed:', status, (error as Error).name].filter((part) => part !== undefined && part !== '').join(' '));
    }
  };
  return {
    seal: async (plaintext, context) => {
      const answer = await call('Encrypt', (kms) => kms.encrypt({ KeyId: options.keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: context }));
      if (!answer.CiphertextBlob) throw new Error('KMS Encrypt answered no ciphertext');
      return PREFIX + Buffer.from(answer.CiphertextBlob).toString('base64');
    },
    open: async (ciphertext, context) => {
      if (!ciphertext.startsWith(PREFIX)) throw new Error('not a KMS calendar ciphertext');
      const answer = await call('Decrypt', (kms) => kms.decrypt({ KeyId: options.keyId, CiphertextBlob: Buffer.from(ciphertext.slice(PREFIX.length), 'base64'), EncryptionContext: context }));
      if (!answer.Plaintext) throw new Error('KMS Decrypt answered no plaintext');
      return Buffer.from(answer.Plaintext).toString('utf8');
    },
  };
}
