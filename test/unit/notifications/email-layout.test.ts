import { mailtoHref, renderEmail, telHref } from '../../../shared/notifications/email-layout';
import { composeHoldClientEmail, composeHoldTherapistEmail } from '../../../shared/notifications/hold-content';
import { composeClientEmail, composeTherapistEmail } from '../../../shared/notifications/notification-content';
import { alex, clientInput, couplesBooking, settings, therapistInput } from './fixtures';

const MANAGE = 'https://book.harbour.example/manage?token=tok-alex&x=1';

describe('the button block', () => {
  const { text, html } = renderEmail({ title: 'T', lang: 'en', blocks: [{ type: 'button', intro: 'To change it:', text: 'Reschedule or cancel', href: MANAGE }] });

  test('is a real link with the same (escaped) href, drawn by a table cell with inline styles', () => {
    expect(html).toContain('<table role="presentation"');
    expect(html).toMatch(/<td style="[^"]*background-color:#1d4ed8;[^"]*"><a href="https:\/\/book\.harbour\.example\/manage\?token=tok-alex&amp;x=1" style="[^"]*display:inline-block;[^"]*">Reschedule or cancel<\/a><\/td>/);
    expect(html).not.toContain('class=');
  });

  test('reads in the plain text part as a link does: the intro, then the address', () => {
    expect(text).toBe(`To change it:\n${MANAGE}\n`);
  });

  test('a link that is not http(s) is written out, never made an anchor', () => {
    const out = renderEmail({ title: 'T', lang: 'en', blocks: [{ type: 'button', intro: 'Go:', text: 'Go', href: 'javascript:alert(1)' }] });
    expect(out.html).not.toContain('<a ');
    expect(out.html).toContain('javascript:alert(1)');
  });
});

describe('the contact footer', () => {
  test('a phone becomes a tel: link, an email a mailto: link, each value escaped', () => {
    const { text, html } = renderEmail({
      title: 'T',
      lang: 'en',
      blocks: [{ type: 'contact', intro: 'To contact the practice:', phone: { label: 'Phone', value: '+49 (30) 123-4567' }, email: { label: 'Email', value: "o'neil&co@harbour.example" } }],
    });
    expect(text).toBe("To contact the practice:\nPhone: +49 (30) 123-4567\nEmail: o'neil&co@harbour.example\n");
    expect(html).toContain('<a href="tel:+49301234567" style="color:#1d4ed8;text-decoration:underline;">+49 (30) 123-4567</a>');
    expect(html).toContain('o&#39;neil&amp;co@harbour.example');
    expect(html).not.toContain("o'neil&co");
  });

  test('hrefs: only digits and a leading + dial; an address with a query is not a mailto', () => {
    expect(telHref('+1 (555) 010-9999')).toBe('tel:+15550109999');
    expect(telHref('() -')).toBeUndefined();
    expect(mailtoHref('desk@harbour.example')).toBe('mailto:desk@harbour.example');
    expect(mailtoHref('desk@harbour.example?bcc=x@y.z')).toBeUndefined();
  });
});

describe('every email of a practice with contact details carries them at the foot', () => {
  const contact = settings({ contact: { phone: '+49 30 1234567', email: 'desk@harbour.example' } });
  const booking = couplesBooking();
  const held = couplesBooking({ status: 'pending_verification', holdUntil: '2026-11-20T09:30:00.000Z' });
  const emails = {
    client: composeClientEmail(clientInput({ settings: contact })),
    clientCancellation: composeClientEmail(clientInput({ kind: 'cancellation', settings: contact, booking: { ...booking, status: 'cancelled' } })),
    therapist: composeTherapistEmail(therapistInput({ settings: contact })),
    verification: composeHoldClientEmail({ kind: 'verification', booking: held, recipient: alex, therapist: { displayName: 'Dr. Sam Lee' }, settings: contact, verifyUrl: 'https://book.harbour.example/#verify=b&token=t' }),
    newRequest: composeHoldTherapistEmail({ kind: 'new_request', booking: held, therapist: { displayName: 'Dr. Sam Lee', email: 'sam@x.example', timeZone: 'Europe/Berlin' }, settings: contact, consoleUrl: 'https://console.harbour.example/#requests' }),
  };

  test.each(Object.entries(emails))('%s', (_name, email) => {
    expect(email.text.trimEnd().endsWith('To contact the practice:\nPhone: +49 30 1234567\nEmail: desk@harbour.example')).toBe(true);
    expect(email.html).toContain('href="tel:+49301234567"');
    expect(email.html).toContain('href="mailto:desk@harbour.example"');
  });

  test('none without contact details', () => {
    expect(composeClientEmail(clientInput()).text).not.toContain('To contact the practice');
  });
});

describe('buttons and greetings', () => {
  test("the client's manage link and the verification link are buttons", () => {
    expect(composeClientEmail(clientInput()).html).toMatch(/<td style="[^"]*"><a href="https:\/\/book\.harbour\.example\/manage\?token=tok-alex" style="[^"]*display:inline-block/);
    const held = couplesBooking({ status: 'pending_verification', holdUntil: '2026-11-20T09:30:00.000Z' });
    const verification = composeHoldClientEmail({ kind: 'verification', booking: held, recipient: alex, therapist: { displayName: 'Dr. Sam Lee' }, settings: settings(), verifyUrl: 'https://book.harbour.example/#verify=b&token=t' });
    expect(verification.html).toMatch(/<td style="[^"]*"><a href="https:\/\/book\.harbour\.example\/#verify=b&amp;token=t" style="[^"]*display:inline-block[^"]*">Confirm my request<\/a>/);
  });

  test("the therapist's email opens with what happened, not 'Hello Dr. …,'", () => {
    const email = composeTherapistEmail(therapistInput());
    expect(email.text).not.toMatch(/Hello/);
    expect(email.text.startsWith('A new appointment has been booked.\n')).toBe(true);
  });
});
