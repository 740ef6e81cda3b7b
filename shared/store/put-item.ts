import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOne, type Audit } from '../audit/audited';
import { TABLE_SCHEMA } from './table-schema';

/**
 * Writes an item; with `onlyIfNew`, leaves an existing one alone (seeding, creating by id) and
 * answers whether it was written. With `audit`, the item and its audit entry are one transaction.
 */
export async function putItem(db: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>, options: { onlyIfNew?: boolean; audit?: Audit } = {}): Promise<boolean> {
  try {
    await writeOne(
      db,
      {
        Put: {
          TableName: tableName,
          Item: item,
          ...(options.onlyIfNew ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey } } : {}),
        },
      },
      options.audit,
    );
    return true;
  } catch (error) {
    if (options.onlyIfNew && (error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
