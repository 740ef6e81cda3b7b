/** One email to one recipient. Each client of a couples session gets their own. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A calendar invitation or cancellation, sent as a text/calendar part and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
  /** SES message tags (ids and hashes only, never an address): SES returns them with a bounce or complaint. */
  tags?: Record<string, string>;
}

/** The port through which email leaves: SES in AWS and locally (aws-ses-v2-local). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
