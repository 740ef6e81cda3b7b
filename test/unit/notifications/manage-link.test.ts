import { manageLink } from '../../../shared/notifications/manage-link';
import { readManageToken } from '../../../shared/tokens/manage-token';

const secret = 'a-test-secret-that-is-long-enough-1234';

test('the manage link is the booking page with the booking and its token in the fragment', () => {
  const link = manageLink({ publicBaseUrl: 'https://www.practice.example/book', manageTokenSecret: secret }, 'b-123');
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe('https://www.practice.example/book');
  expect(url.search).toBe('');
  const fragment = new URLSearchParams(url.hash.slice(1));
  expect(fragment.get('manage')).toBe('b-123');
  expect(readManageToken(secret, fragment.get('token')!)).toBe('b-123');
});
