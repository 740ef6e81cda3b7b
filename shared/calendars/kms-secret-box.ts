import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SecretBox } from './secret-box';

const PREFIX = 'kms1.';

/** SHA-256 (or its HMAC) for the request signer, from node's crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret?: string | Uint8Array;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface KmsOptions {
  keyId: string;
  region: string;
  /** Only for tests: where the requests go instead of `https://kms.<region>.amazonaws.com/`. */
  endpoint?: string;
  /** The function's role credentials; in Lambda they are in its environment. */
  credentials?: () => { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  fetch?: typeof fetch;
}

const fromEnvironment = () => {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment for KMS');
  return { accessKeyId, secretAccessKey, ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}) };
};

/**
 * KMS Encrypt and Decrypt with the key the stack creates for calendar passwords (decision 94). Two
 * JSON requests signed with SigV4, written here because the shared install has no KMS client
 * (`@aws-sdk/client-kms` would replace this file's transport and nothing else). The encryption
 * context binds a ciphertext to its source, and is what CloudTrail shows instead of the secret.
 */
export function kmsSecretBox(options: KmsOptions): SecretBox {
  const endpoint = new URL(options.endpoint ?? `https://kms.${options.region}.amazonaws.com/`);
  const credentials = options.credentials ?? fromEnvironment;
  const doFetch = options.fetch ?? fetch;
  const call = async (target: 'Encrypt' | 'Decrypt', payload: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const signer = new SignatureV4({ service: 'kms', region: options.region, credentials: async () => credentials(), sha256: Sha256 });
    const body = JSON.stringify(payload);
    const signed = await signer.sign({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
      path: endpoint.pathname,
      query: {},
      headers: { host: endpoint.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${target}` },
      body,
    });
    const response = await doFetch(endpoint, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    if (!response.ok) {
      // The error's type only: KMS's message may echo the key or context, never the secret, but keep it short.
      const type = (() => {
        try {
          return String((JSON.parse(text) as { __type?: string }).__type ?? '').split('#').pop();
        } catch {
          return '';
        }
      })();
      throw new Error(`KMS ${target} failed: ${response.status} ${type}`.trim());
    }
    return JSON.parse(text) as Record<string, unknown>;
  };
  return {
    seal: async (plaintext, context) => {
      const answer = await call('Encrypt', { KeyId: options.keyId, Plaintext: Buffer.from(plaintext, 'utf8').toString('base64'), EncryptionContext: context });
      return PREFIX + String(answer.CiphertextBlob);
    },
    open: async (ciphertext, context) => {
      if (!ciphertext.startsWith(PREFIX)) throw new Error('not a KMS calendar ciphertext');
      const answer = await call('Decrypt', { KeyId: options.keyId, CiphertextBlob: ciphertext.slice(PREFIX.length), EncryptionContext: context });
      return Buffer.from(String(answer.Plaintext), 'base64').toString('utf8');
    },
  };
}
