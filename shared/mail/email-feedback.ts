import { logger } from '../logging/logger';
import type { DeliveryProblemKind, SuppressionReason } from '../store/email-feedback-repository';
import { fromSesTags } from './message-tags';
import type { EmailFeedbackRepository } from '../store/email-feedback-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface EmailFeedbackPorts {
  emailFeedback: Pick<EmailFeedbackRepository, 'markProblem' | 'suppress'>;
}

/**
 * The parts of an SES event (via EventBridge) that are read. The event also carries the addresses
 * (`mail.destination`, `bounce.bouncedRecipients`, headers): never read, never logged.
 */
export interface SesEventDetail {
  eventType?: string;
  mail?: { messageId?: string; tags?: Record<string, string[] | undefined> };
  bounce?: { bounceType?: string; bounceSubType?: string; timestamp?: string };
  complaint?: { complaintFeedbackType?: string; timestamp?: string };
}

/** What a report means: hard bounces and complaints stop all mail to the address (decision 32). */
function meaning(detail: SesEventDetail): { kind: DeliveryProblemKind; suppress?: SuppressionReason } | undefined {
  if (detail.eventType === 'Bounce') {
    // `Undetermined` is not proof that the address is dead: treated like a transient bounce.
    return detail.bounce?.bounceType === 'Permanent' ? { kind: 'bounced', suppress: 'bounce' } : { kind: 'soft_bounced' };
  }
  if (detail.eventType === 'Complaint') return { kind: 'complained', suppress: 'complaint' };
  return undefined; // Reject, Rendering Failure: about the message, not the recipient
}

/**
 * Bounces and complaints from SES. The message's tags say which booking, which client and which
 * address (as its keyed hash) it was; a hard bounce or complaint suppresses the address (the
 * mailer path writes to it no more), and every bounce or complaint marks that client of the booking
 * for the therapist's list. Idempotent: a redelivered event writes the same records again.
 */
export async function recordEmailFeedback(deps: EmailFeedbackPorts, detail: SesEventDetail): Promise<void> {
  const tags = fromSesTags(detail.mail?.tags);
  const what = meaning(detail);
  const at = detail.bounce?.timestamp ?? detail.complaint?.timestamp ?? new Date().toISOString();
  let suppressed = false;
  let marked = false;
  if (what?.suppress && tags.recipient) {
    await deps.emailFeedback.suppress(tags.recipient, what.suppress, at);
    suppressed = true;
  }
  if (what && tags.bookingId && tags.role?.startsWith('client-')) {
    marked = await deps.emailFeedback.markProblem(tags.bookingId, tags.role, what.kind, at);
  }
  logger.warn('email feedback', {
    emailEvent: detail.eventType ?? 'unknown',
    sesMessageId: detail.mail?.messageId,
    bounceType: detail.bounce?.bounceType,
    bounceSubType: detail.bounce?.bounceSubType,
    complaintType: detail.complaint?.complaintFeedbackType,
    // No role beside the booking id: `client-1` would say the session was for a couple.
    bookingId: tags.bookingId,
    suppressed,
    marked,
  });
}
