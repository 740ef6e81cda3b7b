import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingEmail } from './mailer';

/** Builds the MIME message with nodemailer's composer and sends it raw through SES v2. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await composeMime(email);
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: `${quoteName(email.from.name)} <${email.from.address}>`,
        Destination: { ToAddresses: [email.to] },
        Content: { Raw: { Data: raw } },
        ...(email.tags ? { EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return { messageId: result.MessageId ?? '' };
  }
}

/** The raw MIME of one email: text and HTML alternatives, and the calendar both inline and as a file. */
export function composeMime(email: OutgoingEmail): Promise<Buffer> {
  const calendar = email.calendar;
  const composer = new MailComposer({
    from: { name: email.from.name, address: email.from.address },
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(calendar
      ? {
          // nodemailer adds it as an inline text/calendar alternative (mail clients offer to update
          // the event) and as an .ics attachment (for any other client).
          icalEvent: { method: calendar.method, filename: calendar.filename, content: calendar.content },
        }
      : {}),
  });
  return new Promise((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

function quoteName(name: string): string {
  return `"${name.replace(/["\\\r\n]/g, '')}"`;
}
