import { createHmac } from 'node:crypto';

/**
 * Who an address is, without the address: HMAC-SHA256 of the trimmed, lower-cased address under the
 * practice's manage-token key (domain-separated from the tokens it signs). A plain SHA-256 of an
 * email address is reversed by hashing a list of candidate addresses; without the key it is not.
 */
export function recipientHash(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`recipient.v1.${address.trim().toLowerCase()}`).digest('hex');
}

/** The SES message tags every booking email carries; SES hands them back with a bounce or complaint. */
export interface MessageTags {
  bookingId: string;
  /** `client-0`, `client-1`, `therapist`: the recipient's role in the booking. */
  role: string;
  recipient: string;
}

const TAG_NAMES = { bookingId: 'booking', role: 'role', recipient: 'recipient' } as const;
/** SES allows letters, digits, `_` and `-` in tag values; booking ids and roles are made of them. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/** Roles in a message (`client:0`) as a tag value (`client-0`). */
export const roleTag = (role: string) => role.replace(/:/g, '-');

export function toSesTags(tags: MessageTags): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of Object.entries(TAG_NAMES)) {
    const value = tags[field as keyof MessageTags];
    if (TAG_VALUE.test(value)) out[name] = value;
  }
  return out;
}

/** The tags of an SES event's `mail.tags` (each a list of values), if the message was ours. */
export function fromSesTags(tags: Record<string, string[] | undefined> | undefined): Partial<MessageTags> {
  const read = (name: string) => {
    const value = tags?.[name]?.[0];
    return value && TAG_VALUE.test(value) ? value : undefined;
  };
  const bookingId = read(TAG_NAMES.bookingId);
  const role = read(TAG_NAMES.role);
  const recipient = read(TAG_NAMES.recipient);
  return {
    ...(bookingId ? { bookingId } : {}),
    ...(role && /^(client-\d|therapist)$/.test(role) ? { role } : {}),
    ...(recipient && /^[0-9a-f]{64}$/.test(recipient) ? { recipient } : {}),
  };
}
