import { simpleParser } from 'mailparser';
import { composeMime } from '../../../shared/mail/ses-mailer';

test('the MIME message has one recipient, text and HTML, and the calendar inline and as an .ics file', async () => {
  const raw = await composeMime({
    from: { name: 'Harbor "Light" Therapy', address: 'appointments@harbor.example' },
    to: 'alex@example.test',
    subject: 'Appointment confirmed',
    text: 'Hello Alex',
    html: '<p>Hello Alex</p>',
    calendar: { method: 'REQUEST', filename: 'appointment.ics', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
  });
  const mail = await simpleParser(raw);
  expect(mail.subject).toBe('Appointment confirmed');
  expect(mail.from?.value).toEqual([{ name: 'Harbor "Light" Therapy', address: 'appointments@harbor.example' }]);
  expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address))).toEqual(['alex@example.test']);
  expect(mail.text?.trim()).toBe('Hello Alex');
  expect(mail.html).toContain('<p>Hello Alex</p>');
  expect(raw.toString()).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  const ics = mail.attachments.find((a) => a.filename === 'appointment.ics');
  expect(ics?.content.toString()).toContain('METHOD:REQUEST');
});
