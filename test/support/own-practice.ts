import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/create-table';
import { loadConfig } from '../../shared/config/config';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
// Tests seed and inspect through every adapter, whatever handler they load.
import '../../shared/runtime/everything';

let restore: (() => void) | undefined;

/**
 * Points this test's handlers at a table of their own, with a practice of its own. The practice
 * settings are one item per table, and jest runs test files at the same time against one DynamoDB
 * Local: a test that changed the settings of the shared table could break another file's test that
 * reads them, depending on order. In its own table a test sets what it needs and disturbs nobody.
 * Call `backToSharedPractice` in an `afterEach` of the file.
 */
export async function useOwnPractice(): Promise<void> {
  const shared = loadConfig();
  const config = { ...shared, tableName: `practice-${randomUUID().slice(0, 8)}` };
  const client = new DynamoDBClient({ region: shared.region, endpoint: shared.dynamoDbEndpoint });
  await ensureTable(client, config.tableName);
  client.destroy();
  overrideDependencies({ config });
  restore = () => overrideDependencies({ config: shared });
}

export function backToSharedPractice(): void {
  restore?.();
  restore = undefined;
}

/** Whether this test's handlers use the table every test file shares. */
export function onSharedPractice(): boolean {
  return dependencies().config.tableName === loadConfig().tableName;
}
