import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_SCHEMA } from './table-schema';

/**
 * Writes an item; with `onlyIfNew`, leaves an existing one alone (seeding, creating by id) and
 * answers whether it was written.
 */
export async function putItem(db: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>, options: { onlyIfNew?: boolean } = {}): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ...(options.onlyIfNew ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey } } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (options.onlyIfNew && (error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
