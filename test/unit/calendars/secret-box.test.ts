import { randomBytes } from 'node:crypto';
import { kmsSecretBox } from '../../../shared/calendars/kms-secret-box';
import { localSecretBox } from '../../../shared/calendars/local-secret-box';
import { sourceContext } from '../../../shared/calendars/secret-box';

describe('the local box (AES-256-GCM)', () => {
  const box = localSecretBox(randomBytes(32).toString('base64'));
  test('opens what it sealed, and the ciphertext holds no trace of the password', async () => {
    const sealed = await box.seal('app-password-1', sourceContext('t-1', 's-1'));
    expect(sealed).toMatch(/^local1\./);
    expect(sealed).not.toContain('app-password');
    expect(await box.open(sealed, sourceContext('t-1', 's-1'))).toBe('app-password-1');
    expect(await box.seal('app-password-1', sourceContext('t-1', 's-1'))).not.toBe(sealed); // a fresh IV each time
  });
  test("a ciphertext moved to another source does not open; nor one sealed with another key", async () => {
    const sealed = await box.seal('pw', sourceContext('t-1', 's-1'));
    await expect(box.open(sealed, sourceContext('t-2', 's-1'))).rejects.toThrow();
    await expect(localSecretBox(randomBytes(32).toString('base64')).open(sealed, sourceContext('t-1', 's-1'))).rejects.toThrow();
  });
  test('a key of the wrong length is refused', () => {
    expect(() => localSecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('the KMS box', () => {
  const credentials = () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' });
  test('sends signed Encrypt and Decrypt requests with the key and the encryption context, and never the plaintext in a header', async () => {
    const requests: Array<{ url: string; headers: Record<string, string>; body: Record<string, any> }> = [];
    const fetch = (async (url: URL, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      requests.push({ url: String(url), headers: init.headers as Record<string, string>, body });
      const answer = body.Plaintext ? { CiphertextBlob: Buffer.from(`blob:${body.Plaintext}`).toString('base64') } : { Plaintext: Buffer.from(Buffer.from(body.CiphertextBlob, 'base64').toString().slice(5), 'base64').toString('base64') };
      return new Response(JSON.stringify(answer), { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const box = kmsSecretBox({ keyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', region: 'eu-west-1', credentials, fetch });
    const context = sourceContext('t-1', 's-1');
    const sealed = await box.seal('app-password-1', context);
    expect(sealed).toMatch(/^kms1\./);
    expect(await box.open(sealed, context)).toBe('app-password-1');
    expect(requests.map((r) => r.headers['x-amz-target'])).toEqual(['TrentService.Encrypt', 'TrentService.Decrypt']);
    for (const r of requests) {
      expect(r.url).toBe('https://kms.eu-west-1.amazonaws.com/');
      expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/kms\/aws4_request/);
      expect(r.headers['x-amz-security-token']).toBe('session');
      expect(r.body.EncryptionContext).toEqual(context);
      expect(JSON.stringify(r.headers)).not.toContain('app-password');
    }
    expect(requests[0]!.body).toMatchObject({ KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', Plaintext: Buffer.from('app-password-1').toString('base64') });
  });
  test("KMS's refusal becomes an error naming its type only", async () => {
    const fetch = (async () => new Response(JSON.stringify({ __type: 'com.amazonaws.kms#InvalidCiphertextException', message: 'details' }), { status: 400 })) as unknown as typeof globalThis.fetch;
    const box = kmsSecretBox({ keyId: 'k', region: 'eu-west-1', credentials, fetch });
    await expect(box.open('kms1.AAAA', sourceContext('t', 's'))).rejects.toThrow('KMS Decrypt failed: 400 InvalidCiphertextException');
  });
});
