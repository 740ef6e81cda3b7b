import { clientHash } from '../../../shared/clients/client-history';
import { recipientHash } from '../../../shared/mail/message-tags';
import { erasureTarget } from '../../../shared/privacy/client-erasure';

/* The audit target of an erasure (decision 137): the same for one address however written, never the address, and no other hash of it in the table. */
const secret = 'a-test-key-of-the-practice';

test('one address gives one target, trimmed and case-insensitive; another address or another key another', () => {
  const target = erasureTarget(secret, 'Sam.Rivers@Example.test');
  expect(erasureTarget(secret, '  sam.rivers@example.TEST ')).toBe(target);
  expect(erasureTarget(secret, 'sam.river@example.test')).not.toBe(target);
  expect(erasureTarget('another-key', 'sam.rivers@example.test')).not.toBe(target);
  expect(target).toMatch(/^erasure:[0-9a-f]{32}$/);
});

test('the target names nothing and matches no key the table holds for the address', () => {
  const address = 'sam.rivers@example.test';
  const hex = erasureTarget(secret, address).slice('erasure:'.length);
  expect(hex).not.toContain('sam');
  for (const other of [recipientHash(secret, address), clientHash(secret, 'demo', address)]) expect(other.startsWith(hex)).toBe(false);
});
