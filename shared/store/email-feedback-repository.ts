import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { keys, TABLE_SCHEMA } from './table-schema';

/** Why no more email goes to an address. */
export type SuppressionReason = 'bounce' | 'complaint';

/**
 * What went wrong with one client's email of one booking: it hard-bounced, they complained, it
 * bounced for now (mailbox full), or it was not sent because the address was suppressed already.
 */
export type DeliveryProblemKind = 'bounced' | 'complained' | 'soft_bounced' | 'not_sent';

/** A later, milder report never overwrites a worse one (a soft bounce after a hard one). */
const RANK: Record<DeliveryProblemKind, number> = { soft_bounced: 1, not_sent: 2, bounced: 3, complained: 3 };

/**
 * Bounces and complaints, recorded without an address: a suppression per address (by its keyed
 * hash, see recipientHash) and a delivery problem per client of a booking, which the therapist's
 * booking list shows. Every write is idempotent, so a redelivered SES event changes nothing.
 */
export class EmailFeedbackRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async suppression(recipientHash: string): Promise<{ reason: SuppressionReason; at: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.suppression(recipientHash), ConsistentRead: true }));
    return Item ? { reason: Item.reason as SuppressionReason, at: String(Item.at) } : undefined;
  }

  /** The first report wins; a repeat is a no-op. Kept until removed: the address stays dead. */
  async suppress(recipientHash: string, reason: SuppressionReason, at: string): Promise<void> {
    await this.putIfAllowed({ ...keys.suppression(recipientHash), type: 'suppression', reason, at }, 'attribute_not_exists(PK)');
  }

  /**
   * Marks one client (`client-0`, `client-1`) of a booking. The mark expires with the booking and is
   * indexed under its therapist. False when the booking is gone (expired or never ours).
   */
  async markProblem(bookingId: string, role: string, kind: DeliveryProblemKind, at: string): Promise<boolean> {
    const { Item: booking } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.booking(bookingId), ProjectionExpression: 'therapistId, #ttl', ExpressionAttributeNames: { '#ttl': TABLE_SCHEMA.timeToLive } }),
    );
    if (!booking?.therapistId) return false;
    await this.putIfAllowed(
      {
        ...keys.deliveryProblem(bookingId, role),
        type: 'deliveryProblem',
        bookingId,
        role,
        kind,
        rank: RANK[kind],
        at,
        [TABLE_SCHEMA.index.partitionKey]: keys.deliveryProblemsOfTherapist(String(booking.therapistId)),
        [TABLE_SCHEMA.index.sortKey]: `${bookingId}#${role}`,
        ...(booking[TABLE_SCHEMA.timeToLive] ? { [TABLE_SCHEMA.timeToLive]: booking[TABLE_SCHEMA.timeToLive] } : {}),
      },
      'attribute_not_exists(PK) OR #rank < :rank',
      { '#rank': 'rank' },
      { ':rank': RANK[kind] },
    );
    return true;
  }

  /** Booking id → the roles of its clients with a delivery problem, for one therapist. */
  async problemsOfTherapist(therapistId: string, now: Date): Promise<Map<string, Set<string>>> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.deliveryProblemsOfTherapist(therapistId) },
    });
    const problems = new Map<string, Set<string>>();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    for (const item of items) {
      const expiresAt = item[TABLE_SCHEMA.timeToLive];
      if (typeof expiresAt === 'number' && expiresAt <= nowSeconds) continue; // TTL deletes lazily
      const roles = problems.get(item.bookingId) ?? new Set<string>();
      problems.set(item.bookingId, roles.add(item.role));
    }
    return problems;
  }

  private async putIfAllowed(item: Record<string, unknown>, condition: string, names?: Record<string, string>, values?: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName, Item: item, ConditionExpression: condition,
        ...(names ? { ExpressionAttributeNames: names } : {}), ...(values ? { ExpressionAttributeValues: values } : {}),
      }));
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
