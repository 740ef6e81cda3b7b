import { logger } from '../logging/logger';
import type { OutgoingEmail } from '../mail/mailer';
import type { Dependencies } from '../runtime/dependencies';
import { DeliveryClaims } from '../store/delivery-claims';

export interface Addressed {
  /** Who this is for, within the message: `client:0`, `client:1`, `therapist`. Never an address. */
  role: string;
  email: OutgoingEmail;
}

/**
 * Sends each email at most once per message key and recipient, claiming it first. Every email is
 * attempted even if one fails; then the failure is raised, so the platform retries the event and
 * only the unsent ones go out again.
 */
export async function deliverOnce(deps: Pick<Dependencies, 'claims' | 'mailer'>, messageKey: string, emails: Addressed[]): Promise<{ sent: number; skipped: number }> {
  let sent = 0;
  let skipped = 0;
  let failure: unknown;
  for (const { role, email } of emails) {
    const claimKey = DeliveryClaims.keyOf(`${messageKey}#${role}`, email.to);
    if (!(await deps.claims.claim(claimKey))) {
      skipped++;
      logger.info('email already sent or being sent; skipped', { messageKey, role });
      continue;
    }
    try {
      const { messageId } = await deps.mailer.send(email);
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
  return { sent, skipped };
}
