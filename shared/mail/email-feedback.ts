import { logger } from '../logging/logger';

/** The parts of an SES event (via EventBridge) that can be logged: never an address. */
interface SesEventDetail {
  eventType?: string;
  mail?: { messageId?: string };
  bounce?: { bounceType?: string; bounceSubType?: string };
  complaint?: { complaintFeedbackType?: string };
}

/**
 * Bounces and complaints from SES. The configuration set's suppression list already stops further
 * mail to such addresses; this records each one by message id (no address) so an alarm can watch
 * the rate and the practice can see that a client may not be getting their emails.
 */
export function recordEmailFeedback(detail: SesEventDetail): void {
  logger.warn('email feedback', {
    emailEvent: detail.eventType ?? 'unknown',
    sesMessageId: detail.mail?.messageId,
    bounceType: detail.bounce?.bounceType,
    bounceSubType: detail.bounce?.bounceSubType,
    complaintType: detail.complaint?.complaintFeedbackType,
  });
}
