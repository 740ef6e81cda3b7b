import { DomainError } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import { CommitRefused } from '../store/booking-repository';

/** Optimistic writes retry on a concurrent change to the same day; this bounds the work per request. */
export const MAX_ATTEMPTS = 8;

/**
 * Runs read–decide–commit until the commit goes through. Each attempt reads afresh, so a refused
 * commit is decided again on current data (and may then end as slot_unavailable). If contention
 * never clears, the answer is 429, never a 500 and never a double booking.
 */
export async function retryRefusedCommits<T>(operation: string, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof CommitRefused)) throw error;
      logger.info('write retried', { operation, reason: error.reason, attempt: n });
      // A used idempotency key is answered by the next read at once; real contention backs off.
      if (error.reason !== 'idempotency_key_used') await backoff(n);
    }
  }
  throw new DomainError('rate_limited', 'Many changes are being made right now. Please try again in a moment.');
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(400, 15 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
