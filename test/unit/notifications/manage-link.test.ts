import { manageLink } from '../../../shared/notifications/manage-link';
import { readManageGrant, readManageToken } from '../../../shared/tokens/manage-token';

const secret = 'a-test-secret-that-is-long-enough-1234';

test('the manage link is the booking page with the booking and its token in the fragment', () => {
  const link = manageLink({ publicBaseUrl: 'https://www.practice.example/book', manageTokenSecret: secret }, 'b-123', 0);
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe('https://www.practice.example/book');
  expect(url.search).toBe('');
  const fragment = new URLSearchParams(url.hash.slice(1));
  expect(fragment.get('manage')).toBe('b-123');
  expect(readManageToken(secret, fragment.get('token')!)).toBe('b-123');
});

test("each client's link carries that client's own token", () => {
  const config = { publicBaseUrl: 'https://www.practice.example/book', manageTokenSecret: secret };
  const tokenOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
  const [first, second] = [tokenOf(manageLink(config, 'b-123', 0)), tokenOf(manageLink(config, 'b-123', 1))];
  expect(first).not.toBe(second);
  expect(readManageGrant(secret, first)).toEqual({ bookingId: 'b-123', client: 0 });
  expect(readManageGrant(secret, second)).toEqual({ bookingId: 'b-123', client: 1 });
});
