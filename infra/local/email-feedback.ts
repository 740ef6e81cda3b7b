import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Mailer, OutgoingEmail } from '../../shared/mail/mailer';

/** The function SES bounces and complaints reach through EventBridge (the stack deploys the same file). */
export const EMAIL_FEEDBACK_HANDLER = 'functions/events/record-email-feedback.ts';

interface Sent {
  to: string;
  from: string;
  tags: Record<string, string>;
}

/**
 * The memory SES has of what it sent: the local SES server keeps no message tags, so the local
 * runtime notes each sent message's recipient and tags by message id (in memory, like the
 * server's own store), to hand them back in a bounce or complaint as SES does.
 */
export class SentMessages {
  private readonly sent = new Map<string, Sent>();

  wrap(mailer: Mailer): Mailer {
    return {
      send: async (email: OutgoingEmail) => {
        const result = await mailer.send(email);
        this.sent.set(result.messageId, { to: email.to, from: email.from.address, tags: email.tags ?? {} });
        return result;
      },
    };
  }

  get(messageId: string): Sent | undefined {
    return this.sent.get(messageId);
  }
}

export type FeedbackKind = { type: 'bounce'; bounceType: 'Permanent' | 'Transient' } | { type: 'complaint' };

/**
 * The event SES's configuration-set event destination puts on EventBridge for a bounce or a
 * complaint, in its real shape: addresses included (the consumer must not log them), tags as lists.
 */
export function sesFeedbackEvent(messageId: string, sent: Sent, feedback: FeedbackKind, at = new Date()): EventBridgeEvent<string, Record<string, unknown>> {
  const timestamp = at.toISOString();
  const mail = {
    timestamp, source: sent.from, sourceArn: 'arn:aws:ses:local:000000000000:identity/local', sendingAccountId: '000000000000',
    messageId, destination: [sent.to],
    tags: { 'ses:configuration-set': ['local'], ...Object.fromEntries(Object.entries(sent.tags).map(([name, value]) => [name, [value]])) },
    commonHeaders: { from: [sent.from], to: [sent.to], messageId },
  };
  const detail = feedback.type === 'bounce'
    ? {
        eventType: 'Bounce', mail,
        bounce: {
          feedbackId: randomUUID(), bounceType: feedback.bounceType, bounceSubType: feedback.bounceType === 'Permanent' ? 'General' : 'MailboxFull',
          bouncedRecipients: [{ emailAddress: sent.to, action: 'failed', status: feedback.bounceType === 'Permanent' ? '5.1.1' : '4.2.2', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
          timestamp, reportingMTA: 'dns; local',
        },
      }
    : {
        eventType: 'Complaint', mail,
        complaint: { feedbackId: randomUUID(), complainedRecipients: [{ emailAddress: sent.to }], complaintFeedbackType: 'abuse', timestamp, userAgent: 'local' },
      };
  return {
    version: '0', id: randomUUID(), 'detail-type': feedback.type === 'bounce' ? 'Email Bounced' : 'Email Complaint Received', source: 'aws.ses',
    account: '000000000000', time: timestamp, region: 'local', resources: [], detail,
  };
}
