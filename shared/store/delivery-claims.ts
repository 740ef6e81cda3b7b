import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, TABLE_SCHEMA } from './table-schema';

/** How long one sender may hold a claim before another may take it over (a crashed send). */
const LEASE_MS = 2 * 60_000;
const KEEP_SECONDS = 30 * 86400;

/**
 * Exactly-once delivery per message and recipient: a conditional write claims the message before
 * it is sent; a sent claim is never taken again; a failed send releases its claim so the retry can
 * send. Claims store a hash of `messageKey#recipient`, never the address.
 */
export class DeliveryClaims {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  static keyOf(messageKey: string, recipient: string): string {
    return createHash('sha256').update(`${messageKey}#${recipient.trim().toLowerCase()}`).digest('hex');
  }

  /**
   * True when this caller may send now. Leases use real time: they guard processes, not bookings.
   * `about` (ids only) lets an erasure find the claims of an erased client's emails (decision 136).
   */
  async claim(claimKey: string, about?: { bookingId: string; role: string }): Promise<boolean> {
    const now = Date.now();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.delivery(claimKey), type: 'delivery', ...(about ? { bookingId: about.bookingId, role: about.role } : {}), status: 'sending', leaseUntil: now + LEASE_MS, [TABLE_SCHEMA.timeToLive]: Math.floor(now / 1000) + KEEP_SECONDS },
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async markSent(claimKey: string, messageId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.delivery(claimKey),
        UpdateExpression: 'SET #status = :sent, messageId = :id REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId },
      }),
    );
  }

  /** Gives a claim back after a failed send, so a retry may send. */
  async release(claimKey: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.delivery(claimKey),
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    ).catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  }
}
