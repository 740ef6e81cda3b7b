/**
 * Seals a calendar's password before it is stored and opens it when a sync needs it (issue 15,
 * decision 94). In AWS the key is a KMS key the stack creates (`kms-secret-box.ts`); locally an
 * AES-256-GCM key kept in the data folder beside the other local secrets (`local-secret-box.ts`).
 * `context` binds a ciphertext to the source it was sealed for: copied onto another source's item
 * it does not open.
 */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(ciphertext: string, context: Record<string, string>): Promise<string>;
}

/** The context a source's password is sealed under. */
export const sourceContext = (therapistId: string, sourceId: string): Record<string, string> => ({ purpose: 'calendar-password', therapistId, sourceId });

/** For a function composed without a key: sealing is refused plainly rather than storing a password in the clear. */
export const NO_SECRET_BOX: SecretBox = {
  seal: () => Promise.reject(new Error('No key for calendar passwords is configured (CALENDAR_KMS_KEY_ID or CALENDAR_SECRET_KEY)')),
  open: () => Promise.reject(new Error('No key for calendar passwords is configured (CALENDAR_KMS_KEY_ID or CALENDAR_SECRET_KEY)')),
};
