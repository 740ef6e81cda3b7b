import { TABLE_SCHEMA } from '../shared/store/table-schema';

/**
 * The one table definition: CDK (infra/aws) and local table creation (infra/local) both build
 * the table from this, so the two cannot drift.
 */
export const TABLE_DEFINITION = {
  attributes: [
    { name: TABLE_SCHEMA.partitionKey, type: 'S' },
    { name: TABLE_SCHEMA.sortKey, type: 'S' },
    { name: TABLE_SCHEMA.index.partitionKey, type: 'S' },
    { name: TABLE_SCHEMA.index.sortKey, type: 'S' },
  ],
  partitionKey: TABLE_SCHEMA.partitionKey,
  sortKey: TABLE_SCHEMA.sortKey,
  globalSecondaryIndexes: [
    {
      name: TABLE_SCHEMA.index.name,
      partitionKey: TABLE_SCHEMA.index.partitionKey,
      sortKey: TABLE_SCHEMA.index.sortKey,
      projection: 'ALL',
    },
  ],
  /** New and old images: the publisher turns item changes into domain events. */
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: TABLE_SCHEMA.timeToLive,
} as const;

export type TableDefinition = typeof TABLE_DEFINITION;
