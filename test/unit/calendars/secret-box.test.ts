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

describe('the KMS box (through @aws-sdk/client-kms)', () => {
  const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' });
  /** The SDK's transport replaced, under its own serialising and signing: what KMS would be sent, and a fake KMS's answer. */
  type Sent = { url: string; headers: Record<string, string>; body: Record<string, any> };
  const transport = (answer: (target: string, body: Record<string, any>) => { status: number; body: unknown }, sent: Sent[] = []) => ({
    handle: async (request: { protocol: string; hostname: string; path: string; headers: Record<string, string>; body?: unknown }) => {
      const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
      const body = JSON.parse(text) as Record<string, any>;
      sent.push({ url: `${request.protocol}//${request.hostname}${request.path}`, headers: request.headers, body });
      const reply = answer(request.headers['x-amz-target']!, body);
      return { response: { statusCode: reply.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: new TextEncoder().encode(JSON.stringify(reply.body)) } };
    },
  });
  // A fake KMS: the "ciphertext" is the plaintext behind a marker, bound to the context it was sealed under.
  const fakeKms = (target: string, body: Record<string, any>) => target === 'TrentService.Encrypt'
    ? { status: 200, body: { KeyId: body.KeyId, CiphertextBlob: Buffer.from(JSON.stringify({ p: body.Plaintext, c: body.EncryptionContext })).toString('base64') } }
    : (() => {
      const blob = JSON.parse(Buffer.from(body.CiphertextBlob, 'base64').toString()) as { p: string; c: unknown };
      return JSON.stringify(blob.c) === JSON.stringify(body.EncryptionContext)
        ? { status: 200, body: { KeyId: body.KeyId, Plaintext: blob.p } }
        : { status: 400, body: { __type: 'com.amazonaws.kms#InvalidCiphertextException', message: 'details' } };
    })();

  test('sends signed Encrypt and Decrypt requests with the key, the plaintext or ciphertext and the encryption context, and never the plaintext in a header', async () => {
    const sent: Sent[] = [];
    const keyId = 'arn:aws:kms:eu-west-1:111122223333:key/k';
    const box = kmsSecretBox({ keyId, region: 'eu-west-1', credentials, requestHandler: transport(fakeKms, sent) });
    const context = sourceContext('t-1', 's-1');
    const sealed = await box.seal('app-password-1', context);
    expect(sealed).toMatch(/^kms1\./);
    expect(await box.open(sealed, context)).toBe('app-password-1');
    expect(sent.map((r) => r.headers['x-amz-target'])).toEqual(['TrentService.Encrypt', 'TrentService.Decrypt']);
    for (const r of sent) {
      expect(r.url).toBe('https://kms.eu-west-1.amazonaws.com/');
      expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/kms\/aws4_request/);
      expect(r.headers['x-amz-security-token']).toBe('session');
      expect(r.body.EncryptionContext).toEqual(context);
      expect(r.body.KeyId).toBe(keyId);
      expect(JSON.stringify(r.headers)).not.toContain('app-password');
    }
    expect(sent[0]!.body).toEqual({ KeyId: keyId, Plaintext: Buffer.from('app-password-1').toString('base64'), EncryptionContext: context });
    // What was stored is KMS's blob as it answered it: the format of the ciphertexts sealed before the SDK (kms1. + base64).
    expect(sent[1]!.body.CiphertextBlob).toBe(sealed.slice('kms1.'.length));
  });

  test("KMS's refusal becomes an error naming its status and type only; a ciphertext moved to another source does not open", async () => {
    const box = kmsSecretBox({ keyId: 'k', region: 'eu-west-1', credentials, requestHandler: transport(fakeKms) });
    const sealed = await box.seal('pw', sourceContext('t-1', 's-1'));
    const error = await box.open(sealed, sourceContext('t-2', 's-1')).catch((e: unknown) => e as Error);
    expect(error).toEqual(new Error('KMS Decrypt failed: 400 InvalidCiphertextException'));
    expect(String((error as Error).message)).not.toContain('details');
  });

  test('a ciphertext that is not a KMS one is refused without a request', async () => {
    const sent: Sent[] = [];
    const box = kmsSecretBox({ keyId: 'k', region: 'eu-west-1', credentials, requestHandler: transport(fakeKms, sent) });
    await expect(box.open('local1.AAAA', sourceContext('t', 's'))).rejects.toThrow('not a KMS calendar ciphertext');
    expect(sent).toEqual([]);
  });
});
