import { createHmac } from 'node:crypto';
import { BatchGetCommand, DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/table-schema';

/**
 * Who has had a session with a therapist, without keeping who they are: one item per address and
 * therapist, keyed by an HMAC of the trimmed, lower-cased address (keyed with the manage-token
 * secret, so the key cannot be recomputed from a guessed address without it), holding the end of
 * each confirmed session as `sessions: { <bookingId>: <end> }`. The item carries no address, no
 * name: a leaked table tells nobody whose history it is.
 *
 * An address is an existing client of the therapist once one of its recorded sessions has ended
 * (API.md: "a past, non-cancelled session"). The history is kept by the record-client-history
 * consumer from the booking as it is now (decision 79), so every write here is idempotent: the same
 * record or forget twice leaves the same item.
 */
export function clientHash(secret: string, therapistId: string, email: string): string {
  return createHmac('sha256', secret).update(`client.v1.${therapistId}.${email.trim().toLowerCase()}`).digest('hex');
}

const SESSIONS = 'sessions';

export class ClientHistoryRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Read when first hashing: only functions that hash addresses are given the secret. */
    private readonly secret: () => string,
  ) {}

  private key(therapistId: string, email: string) {
    return keys.clientHistory(therapistId, clientHash(this.secret(), therapistId, email));
  }

  /** The session `bookingId` of this address ends at `end` (a reschedule overwrites the end). */
  async record(therapistId: string, email: string, bookingId: string, end: string): Promise<void> {
    const Key = this.key(therapistId, email);
    // DynamoDB cannot set a map entry of a map that does not exist yet: set the entry where the
    // map exists, or create the item; whichever of two concurrent first writes loses tries again.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.db.send(new UpdateCommand({
          TableName: this.tableName, Key,
          UpdateExpression: 'SET #sessions.#booking = :end',
          ConditionExpression: 'attribute_exists(#sessions)',
          ExpressionAttributeNames: { '#sessions': SESSIONS, '#booking': bookingId },
          ExpressionAttributeValues: { ':end': end },
        }));
        return;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
      }
      try {
        await this.db.send(new PutCommand({
          TableName: this.tableName,
          Item: { ...Key, type: 'clientHistory', [SESSIONS]: { [bookingId]: end } },
          ConditionExpression: 'attribute_not_exists(PK)',
        }));
        return;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
      }
    }
    throw new Error('client history item kept changing while it was recorded');
  }

  /** The session `bookingId` no longer counts (cancelled, or never confirmed). A no-op when unknown. */
  async forget(therapistId: string, email: string, bookingId: string): Promise<void> {
    const Key = this.key(therapistId, email);
    let remaining: Record<string, unknown>;
    try {
      const { Attributes } = await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key,
        UpdateExpression: 'REMOVE #sessions.#booking',
        ConditionExpression: 'attribute_exists(#sessions.#booking)',
        ExpressionAttributeNames: { '#sessions': SESSIONS, '#booking': bookingId },
        ReturnValues: 'ALL_NEW',
      }));
      remaining = (Attributes?.[SESSIONS] as Record<string, unknown> | undefined) ?? {};
    } catch (error) {
      if (conditionFailed(error)) return; // nothing recorded for it: nothing to forget
      throw error;
    }
    if (Object.keys(remaining).length > 0) return;
    // The last session went: the item goes too, unless a record slipped in since.
    try {
      await this.db.send(new DeleteCommand({
        TableName: this.tableName, Key,
        ConditionExpression: 'size(#sessions) = :zero',
        ExpressionAttributeNames: { '#sessions': SESSIONS },
        ExpressionAttributeValues: { ':zero': 0 },
      }));
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  /** Per address: whether it has a recorded session with this therapist that ended by `now`. */
  async existingClients(therapistId: string, emails: string[], now: Date): Promise<boolean[]> {
    if (emails.length === 0) return [];
    const wanted = emails.map((email) => this.key(therapistId, email));
    // BatchGetItem refuses the same key twice (two clients giving one address).
    const unique = [...new Map(wanted.map((k) => [k.PK, k])).values()];
    const found = new Map<string, Record<string, unknown>>();
    let pending: Record<string, unknown>[] = unique;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200, 20 * 2 ** attempt)));
      if (attempt > 8) throw new Error('BatchGetItem left keys unprocessed after retries');
      const response = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of response.Responses?.[this.tableName] ?? []) found.set(String(item.PK), item);
      pending = response.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    const nowMs = now.getTime();
    return wanted.map((k) => {
      const sessions = (found.get(k.PK)?.[SESSIONS] ?? {}) as Record<string, unknown>;
      return Object.values(sessions).some((end) => typeof end === 'string' && Date.parse(end) <= nowMs);
    });
  }
}

function conditionFailed(error: unknown): boolean {
  return (error as Error).name === 'ConditionalCheckFailedException';
}
