/** An email as the local SES server stored it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { content: string; contentType: string; filename?: string }[];
  at: number;
}

export async function storedEmails(sesEndpoint = process.env.SES_ENDPOINT!): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails;
}

/** The bare address of a recipient, `Name <a@b>` or `a@b`, compared case-insensitively. */
const bareAddress = (to: string) => (/<([^>]+)>/.exec(to)?.[1] ?? to).trim().toLowerCase();
/** The emails sent to exactly this address (a substring would also count `t-1@x` inside `client-t-1@x`). */
export const addressedTo = (emails: StoredEmail[], address: string) => emails.filter((e) => e.destination.to.some((t) => bareAddress(t) === address.trim().toLowerCase()));

/** The iCalendar text of an email (the inline part or the .ics file), unfolded. */
export function calendarOf(email: StoredEmail): string | undefined {
  const part = email.attachments.find((a) => /calendar|ics/i.test(`${a.contentType} ${a.filename ?? ''}`));
  return part ? Buffer.from(part.content, 'base64').toString('utf8') : undefined;
}

/** The local runtime's outbox (`GET /_local/outbox`), read through the given HTTP client. */
export function runtimeOutbox(http: (method: string, path: string) => Promise<{ json: any }>) {
  const outbox = async () => (await http('GET', '/_local/outbox')).json.emails as StoredEmail[];
  /** The outbox once `predicate` holds (polled), or as it is after `seconds`. */
  async function waitForMail(predicate: (emails: StoredEmail[]) => boolean, seconds = 30): Promise<StoredEmail[]> {
    for (let i = 0; i < seconds * 5; i++) {
      const emails = await outbox();
      if (predicate(emails)) return emails;
      await new Promise((r) => setTimeout(r, 200));
    }
    return outbox();
  }
  return { outbox, waitForMail };
}
