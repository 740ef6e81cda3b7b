import { clockText, formatInstant, formatTimeRange, inZone } from '../../../shared/notifications/appointment-time';
import { clientEmailLocale, htmlLang, therapistEmailLocale } from '../../../shared/notifications/email-locale';
import { composeHoldClientEmail } from '../../../shared/notifications/hold-content';
import { composeClientEmail, composeTherapistEmail } from '../../../shared/notifications/notification-content';
import { clientInput, couplesBooking, settings, therapistInput } from './fixtures';

// 2 December 2026, 14:00Z: 15:00 in Berlin.
const AT = inZone('2026-12-02T14:00:00Z', 'Europe/Berlin');

describe('the clock follows the locale, or the -u-hc- extension of its tag', () => {
  test.each([
    ['en-US', '3:00 PM'],
    ['en-GB', '15:00'],
    ['en-US-u-hc-h23', '15:00'],
    ['en-GB-u-hc-h12', '3:00 pm'],
  ])('%s writes %s', (locale, expected) => {
    expect(clockText(AT, locale)).toBe(expected);
  });

  test('a 24-hour clock writes the hour with two digits, a 12-hour one without', () => {
    const early = inZone('2026-12-02T08:05:00Z', 'Europe/Berlin');
    expect(clockText(early, 'en-GB')).toBe('09:05');
    expect(clockText(early, 'en-US')).toBe('9:05 AM');
  });
});

describe('dates and times of a whole range, in each locale', () => {
  test('en-US and en-GB write the date their own way', () => {
    expect(formatTimeRange('2026-12-02T14:00:00Z', '2026-12-02T14:50:00Z', 'Europe/Berlin', 'en-US')).toBe('Wednesday, December 2, 2026, 3:00 PM–3:50 PM (Europe/Berlin, GMT+1)');
    expect(formatTimeRange('2026-12-02T14:00:00Z', '2026-12-02T14:50:00Z', 'Europe/Berlin', 'en-GB')).toBe('Wednesday, 2 December 2026, 15:00–15:50 (Europe/Berlin, GMT+1)');
    expect(formatTimeRange('2026-12-02T14:00:00Z', '2026-12-02T14:50:00Z', 'Europe/Berlin', 'en-US-u-hc-h23')).toBe('Wednesday, December 2, 2026, 15:00–15:50 (Europe/Berlin, GMT+1)');
    expect(formatTimeRange('2026-12-02T14:00:00Z', '2026-12-02T14:50:00Z', 'Europe/Berlin', 'en-GB-u-hc-h12')).toBe('Wednesday, 2 December 2026, 3:00 pm–3:50 pm (Europe/Berlin, GMT+1)');
  });

  // 1 November 2026: New York leaves daylight saving time at 06:00Z (02:00 EDT becomes 01:00 EST).
  test.each([
    ['en-US', 'Sunday, November 1, 2026, 1:30 AM GMT-4 – Sunday, November 1, 2026, 1:20 AM GMT-5 (America/New_York)'],
    ['en-GB', 'Sunday, 1 November 2026, 01:30 GMT-4 – Sunday, 1 November 2026, 01:20 GMT-5 (America/New_York)'],
    ['en-US-u-hc-h23', 'Sunday, November 1, 2026, 01:30 GMT-4 – Sunday, November 1, 2026, 01:20 GMT-5 (America/New_York)'],
    ['en-GB-u-hc-h12', 'Sunday, 1 November 2026, 1:30 am GMT-4 – Sunday, 1 November 2026, 1:20 am GMT-5 (America/New_York)'],
  ])('across a DST change, %s writes both ends with their offsets', (locale, expected) => {
    expect(formatTimeRange('2026-11-01T05:30:00Z', '2026-11-01T06:20:00Z', 'America/New_York', locale)).toBe(expected);
  });

  test.each([
    ['en-US', 'Sunday, November 1, 2026, 1:30 AM (America/New_York, GMT-5)'],
    ['en-GB-u-hc-h12', 'Sunday, 1 November 2026, 1:30 am (America/New_York, GMT-5)'],
  ])('an instant on the DST day keeps its offset in %s', (locale, expected) => {
    expect(formatInstant('2026-11-01T06:30:00Z', 'America/New_York', locale)).toBe(expected);
  });
});

describe('which locale an email uses', () => {
  test('a client: the booking\'s, else the practice\'s, else en-US; a therapist: the practice\'s, else en-US', () => {
    expect(clientEmailLocale('en-GB-u-hc-h12', { locale: 'en-AU' })).toBe('en-GB-u-hc-h12');
    expect(clientEmailLocale(undefined, { locale: 'en-AU' })).toBe('en-AU');
    expect(clientEmailLocale(undefined, {})).toBe('en-US');
    expect(clientEmailLocale('de-DE', {})).toBe('en-US'); // never a language the wording is not written in
    expect(therapistEmailLocale({ locale: 'en-IE' })).toBe('en-IE');
    expect(therapistEmailLocale({})).toBe('en-US');
    expect(htmlLang('en-US-u-hc-h23')).toBe('en-US');
  });

  test("the client's email follows the booking's locale and the therapist's the practice's", () => {
    const booking = couplesBooking({ locale: 'en-US-u-hc-h23' });
    const practice = settings({ locale: 'en-GB-u-hc-h12' });
    const client = composeClientEmail(clientInput({ booking, settings: practice }));
    expect(client.text).toContain('When: Wednesday, December 2, 2026, 15:00–15:50 (Europe/Berlin, GMT+1)');
    expect(client.html).toContain('<html lang="en-US">');
    const therapist = composeTherapistEmail(therapistInput({ booking, settings: practice }));
    expect(therapist.text).toContain('When: Wednesday, 2 December 2026, 3:00 pm–3:50 pm (Europe/Berlin, GMT+1)');
    expect(therapist.html).toContain('<html lang="en-GB">');
  });

  test('a held booking\'s verification email follows the booking\'s locale too', () => {
    const booking = couplesBooking({ status: 'pending_verification', holdUntil: '2026-11-20T09:30:00.000Z', locale: 'en-GB' });
    const email = composeHoldClientEmail({ kind: 'verification', booking, recipient: booking.clients[0]!, therapist: { displayName: 'Dr. Sam Lee' }, settings: settings(), verifyUrl: 'https://book.harbour.example/#verify=x&token=y' });
    expect(email.text).toContain('When: Wednesday, 2 December 2026, 15:00–15:50 (Europe/Berlin, GMT+1)');
    expect(email.text).toContain('Confirm by: Friday, 20 November 2026, 10:30 (Europe/Berlin, GMT+1)');
  });
});
