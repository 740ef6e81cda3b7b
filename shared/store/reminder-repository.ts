import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, TABLE_SCHEMA } from './table-schema';
import { queryAll } from './query-all';

/** A reminder waiting for its time. Ids and times only. */
export interface PendingReminder {
  bookingId: string;
  therapistId: string;
  offsetMinutes: number;
  /** The session start it reminds of. */
  start: string;
  dueAt: string;
}

export class ReminderRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Idempotent: the same reminder always has the same key. */
  async put(reminder: PendingReminder): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.reminder(reminder.bookingId, reminder.offsetMinutes, reminder.start),
          type: 'reminder',
          ...reminder,
          [TABLE_SCHEMA.index.partitionKey]: keys.remindersDueOn(reminder.dueAt.slice(0, 10)),
          [TABLE_SCHEMA.index.sortKey]: `${reminder.dueAt}#${reminder.bookingId}#${reminder.offsetMinutes}`,
          // A reminder that was never swept (the session passed) goes a day after the session.
          [TABLE_SCHEMA.timeToLive]: Math.floor(Date.parse(reminder.start) / 1000) + 86400,
        },
      }),
    );
  }

  async remove(reminder: Pick<PendingReminder, 'bookingId' | 'offsetMinutes' | 'start'>): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.reminder(reminder.bookingId, reminder.offsetMinutes, reminder.start) }));
  }

  /** The booking's pending reminders (strongly consistent: they sit beside the booking). */
  async ofBooking(bookingId: string): Promise<PendingReminder[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey, '#sk': TABLE_SCHEMA.sortKey },
      ExpressionAttributeValues: { ':pk': keys.booking(bookingId).PK, ':prefix': 'REMINDER#' },
      ConsistentRead: true,
    });
    return items.map(toReminder);
  }

  /** Reminders due on one UTC date at or before `until`, oldest first. */
  async dueOn(utcDate: string, until: string): Promise<PendingReminder[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk AND #sk <= :until',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey, '#sk': TABLE_SCHEMA.index.sortKey },
      // '~' sorts after '#', so every reminder due exactly at `until` is included.
      ExpressionAttributeValues: { ':pk': keys.remindersDueOn(utcDate), ':until': `${until}~` },
    });
    return items.map(toReminder);
  }
}

function toReminder(item: Record<string, any>): PendingReminder {
  return { bookingId: item.bookingId, therapistId: item.therapistId, offsetMinutes: item.offsetMinutes, start: item.start, dueAt: item.dueAt };
}
