/**
 * What a failed TransactWriteItems says, read the one way every store uses: a cancelled transaction
 * lists one reason code per item, in the order of its items.
 */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []).map((r) => r.Code) : [];
}

/** A condition of one of the transaction's items refused it. */
export const refusedByCondition = (error: unknown): boolean => cancellationCodes(error).includes('ConditionalCheckFailed');

/** The transaction met another one on the same item at the same instant: trying again may pass. */
export const metAnotherTransaction = (error: unknown): boolean =>
  (error as Error)?.name === 'TransactionConflictException' || cancellationCodes(error).includes('TransactionConflict');
