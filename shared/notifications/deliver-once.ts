import { logger } from '../logging/logger';
import type { OutgoingEmail } from '../mail/mailer';
import { recipientHash, roleTag, toSesTags } from '../mail/message-tags';
import { DeliveryClaims } from '../store/delivery-claims';
import type { Mailer } from '../mail/mailer';
import type { AppConfig } from '../config/config';
import type { EmailFeedbackRepository } from '../store/email-feedback-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface DeliverOncePorts {
  claims: Pick<DeliveryClaims, 'claim' | 'markSent' | 'release'>;
  mailer: Mailer;
  config: Pick<AppConfig, 'manageTokenSecret'>;
  emailFeedback: Pick<EmailFeedbackRepository, 'markProblem' | 'suppression'>;
}

export interface Addressed {
  /** Who this is for, within the message: `client:0`, `client:1`, `therapist`. Never an address. */
  role: string;
  email: OutgoingEmail;
}

/**
 * Sends each email at most once per message key and recipient, claiming it first. Every email is
 * attempted even if one fails; then the failure is raised, so the platform retries the event and
 * only the unsent ones go out again.
 *
 * An address that hard-bounced or complained is not written to again (decision 32): its email is
 * skipped, and for a client the booking is marked so the therapist sees that this client is not
 * getting their emails. Each sent email is tagged with the booking, the role and the address's
 * keyed hash, so SES's bounce or complaint can be tied back to them without the address.
 */
export async function deliverOnce(
  deps: DeliverOncePorts,
  messageKey: string,
  emails: Addressed[],
  about: { bookingId: string },
): Promise<{ sent: number; skipped: number; suppressed: number }> {
  let sent = 0;
  let skipped = 0;
  let suppressed = 0;
  let failure: unknown;
  for (const { role, email } of emails) {
    if (!email.to) {
      // An erased client (decision 136): the booking as it is now has no address for them.
      skipped++;
      logger.info('email not sent: the client was erased', { messageKey, role });
      continue;
    }
    const recipient = recipientHash(deps.config.manageTokenSecret, email.to);
    const suppression = await deps.emailFeedback.suppression(recipient);
    if (suppression) {
      suppressed++;
      // Real time, as for claims: the mark says when the system noticed, not a booking's time.
      if (role.startsWith('client:')) await deps.emailFeedback.markProblem(about.bookingId, roleTag(role), 'not_sent', new Date().toISOString());
      logger.info('email not sent: the address bounced or complained before', { messageKey, role, reason: suppression.reason });
      continue;
    }
    const claimKey = DeliveryClaims.keyOf(`${messageKey}#${role}`, email.to);
    if (!(await deps.claims.claim(claimKey, { bookingId: about.bookingId, role }))) {
      skipped++;
      logger.info('email already sent or being sent; skipped', { messageKey, role });
      continue;
    }
    try {
      const { messageId } = await deps.mailer.send({ ...email, tags: toSesTags({ bookingId: about.bookingId, role: roleTag(role), recipient }) });
      await deps.claims.markSent(claimKey, messageId);
      sent++;
      logger.info('email sent', { messageKey, role, messageId });
    } catch (error) {
      await deps.claims.release(claimKey);
      logger.warn('email not sent; will be retried', { messageKey, role, errorName: (error as Error).name });
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return { sent, skipped, suppressed };
}
