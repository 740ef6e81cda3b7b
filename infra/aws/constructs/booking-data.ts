import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../table-definition';
import { KMS_READ_ACTIONS, KMS_WRITE_ACTIONS, TABLE_READ_ACTIONS, TABLE_SCAN_ACTIONS, TABLE_WRITE_ACTIONS, type FunctionNeeds } from '../function-needs';
import type { BookingFunction } from './booking-function';
import { keepLogicalId } from './stable-logical-id';

/**
 * The practice's data: one table, encrypted with the practice's own key, streamed, expiring by
 * TTL; and the key that signs manage links and calendar-feed URLs.
 */
export class BookingData extends Construct {
  readonly table: Table;
  readonly tableKey: Key;
  readonly manageTokenSecret: Secret;
  /** Seals the therapists' calendar passwords (issue 15, decision 94): Encrypt where one is added, Decrypt where one is read. */
  readonly calendarKey: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.tableKey = new Key(this, 'TableKey', { enableKeyRotation: true, description: 'Encrypts the booking table', removalPolicy: RemovalPolicy.RETAIN });
    keepLogicalId(this.tableKey, 'TableKeyF581D96F');
    const attributeType = (name: string) => (TABLE_DEFINITION.attributes.find((a) => a.name === name)!.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: attributeType(TABLE_DEFINITION.partitionKey) },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: attributeType(TABLE_DEFINITION.sortKey) },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
    });
    keepLogicalId(this.table, 'TableCD117FA1');
    for (const g of TABLE_DEFINITION.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: attributeType(g.partitionKey) },
        sortKey: { name: g.sortKey, type: attributeType(g.sortKey) },
        projectionType: ProjectionType.ALL,
      });
    }
    this.manageTokenSecret = new Secret(this, 'ManageTokenSecret', {
      description: 'HMAC key of booking manage links and calendar-feed URLs',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepLogicalId(this.manageTokenSecret, 'ManageTokenSecretCD387928');
    this.calendarKey = new Key(this, 'CalendarKey', { enableKeyRotation: true, description: "Seals the therapists' calendar passwords", removalPolicy: RemovalPolicy.RETAIN });
  }

  /** The table (and its indexes and key) to read, or to read and write; the secret if needed. */
  grant(fn: BookingFunction, needs: FunctionNeeds): void {
    if (needs.table !== 'none') {
      const actions = needs.table === 'write' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
      const indexes = TABLE_DEFINITION.globalSecondaryIndexes.map((g) => `${this.table.tableArn}/index/${g.name}`);
      fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [this.table.tableArn, ...indexes] }));
      if (needs.scan) fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: TABLE_SCAN_ACTIONS, resources: [this.table.tableArn] }));
      fn.addToRolePolicy(new PolicyStatement({
        effect: Effect.ALLOW,
        actions: needs.table === 'write' ? [...KMS_READ_ACTIONS, ...KMS_WRITE_ACTIONS] : KMS_READ_ACTIONS,
        resources: [this.tableKey.keyArn],
      }));
    }
    if (needs.manageTokenSecret) this.manageTokenSecret.grantRead(fn);
    if (needs.calendarKey?.length) fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: needs.calendarKey, resources: [this.calendarKey.keyArn] }));
  }
}
