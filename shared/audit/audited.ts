import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../errors/domain-errors';
import { cancellationCodes, metAnotherTransaction } from '../store/transaction-errors';
import type { AuditAction } from './audit-entry';
import type { AuditLog, AuditRecord, TransactItem } from './audit-log';

/**
 * A change's audit (issue 17): the log its entry goes to and what the entry records. A store method
 * given one writes the entry in the same transaction as the change; given none (the local seed,
 * public and client writes), it writes the change alone, as before.
 */
export interface Audit {
  log: Pick<AuditLog, 'entry'>;
  record: AuditRecord;
}

/** The audit of one change: who (a subject id, never a name), what, to which id. */
export function audit(log: Pick<AuditLog, 'entry'>, actor: string, action: AuditAction, target: string): Audit {
  return { log, record: { actor, action, target } };
}

/** The change's items followed by its entry (when audited), for one TransactWriteItems. */
export async function withEntry(items: TransactItem[], audited: Audit | undefined): Promise<TransactItem[]> {
  return audited ? [...items, await audited.log.entry(audited.record)] : items;
}

/**
 * One Put, Update or Delete; audited, it and its entry are one transaction. The caller's error
 * handling stays as it was: a refused condition of the change throws ConditionalCheckFailedException
 * exactly as the single write did. A transaction conflict (another transaction on the same item at
 * that instant; single writes never meet one) is 429 with Retry-After, and nothing is written.
 */
export async function writeOne(db: DynamoDBDocumentClient, item: TransactItem, audited?: Audit): Promise<void> {
  if (!audited) {
    if (item.Put) await db.send(new PutCommand(item.Put));
    else if (item.Update) await db.send(new UpdateCommand(item.Update));
    else if (item.Delete) await db.send(new DeleteCommand(item.Delete));
    else throw new Error('writeOne takes a Put, an Update or a Delete');
    return;
  }
  try {
    await db.send(new TransactWriteCommand({ TransactItems: await withEntry([item], audited) }));
  } catch (error) {
    if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    if (metAnotherTransaction(error)) throw changedMeanwhile();
    throw error;
  }
}

/** A transaction that met another at the same instant: the caller may simply try again. */
export const changedMeanwhile = () => new DomainError('rate_limited', 'This was being changed at the same moment. Please try again.');
