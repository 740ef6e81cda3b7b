import { subscriptionAddress } from '../../../widget/src/console/calendar-address';

// Apple's and Outlook's "webcal://" links are https addresses: the console sends them as such.
describe('subscriptionAddress', () => {
  test('webcal:// and webcals:// become https://, whatever their case; the rest of the address is kept', () => {
    expect(subscriptionAddress('webcal://p52-caldav.icloud.com/published/2/MTIz?x=1')).toBe('https://p52-caldav.icloud.com/published/2/MTIz?x=1');
    expect(subscriptionAddress('  WEBCALS://outlook.office365.com/owa/calendar/a/b/reachcalendar.ics ')).toBe('https://outlook.office365.com/owa/calendar/a/b/reachcalendar.ics');
  });

  test('any other address goes as typed (trimmed), for the API to judge', () => {
    expect(subscriptionAddress(' https://calendar.google.com/calendar/ical/a/private-b/basic.ics ')).toBe('https://calendar.google.com/calendar/ical/a/private-b/basic.ics');
    expect(subscriptionAddress('http://calendar.example.test/x.ics')).toBe('http://calendar.example.test/x.ics');
    expect(subscriptionAddress('ftp://x')).toBe('ftp://x');
  });
});
