import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from './secret-box';

const PREFIX = 'local1';

/**
 * AES-256-GCM under a 32-byte key (base64): the local runtime's stand-in for KMS. The context is
 * the additional authenticated data, as KMS's encryption context is, so a ciphertext moved to
 * another source fails to open. Format: `local1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function localSecretBox(keyBase64: string): SecretBox {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('CALENDAR_SECRET_KEY must be 32 bytes in base64');
  const aad = (context: Record<string, string>) => Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
  return {
    seal: async (plaintext, context) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [PREFIX, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open: async (ciphertext, context) => {
      const [prefix, iv, tag, body] = ciphertext.split('.');
      if (prefix !== PREFIX || !iv || !tag || body === undefined) throw new Error('not a local calendar ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
