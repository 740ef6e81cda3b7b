import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_CATALOG, STREAM_PUBLISHER } from '../../../events/catalog';
import { EVENT_SOURCE } from '../../../events/envelope';
import { EVENT_FUNCTION_NEEDS } from '../function-needs';
import type { Alarms } from './alarms';
import type { FunctionFactory } from './function-factory';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

export interface EventFlowProps {
  table: ITable;
  bus: IEventBus;
  functions: FunctionFactory;
  alarms: Alarms;
}

/**
 * The stream is the outbox: table changes → publish-events → the bus. Then, from the catalog, each
 * consumer: bus rule → queue (retries over an hour) → function → dead-letter queue.
 */
export class EventFlow extends Construct {
  constructor(scope: Construct, id: string, props: EventFlowProps) {
    super(scope, id);
    const { alarms, functions } = props;
    const streamFailures = alarms.deadLetterQueue(this, 'StreamDeadLetters');
    const publisher = functions.make(this, 'PublishEvents', STREAM_PUBLISHER.handler, EVENT_FUNCTION_NEEDS[STREAM_PUBLISHER.name]!, Duration.seconds(DEPLOYED_LIMITS.streamPublisherTimeoutSeconds));
    publisher.addEventSource(new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: DEPLOYED_LIMITS.streamBatchSize,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 20,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(streamFailures),
    }));

    for (const consumer of EVENT_CATALOG) {
      const consumerId = consumer.name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
      const dlq = alarms.deadLetterQueue(this, `${consumerId}DeadLetters`);
      const queue = new Queue(this, `${consumerId}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Six times the function's timeout, as Lambda advises; 20 receives ≈ an hour of retries.
        visibilityTimeout: Duration.seconds(DEPLOYED_LIMITS.consumerVisibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: 20 },
      });
      new Rule(this, `${consumerId}Rule`, {
        eventBus: props.bus,
        description: `${consumer.events.join(', ')} → ${consumer.name}`,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...consumer.events] },
        targets: [new SqsQueue(queue, { deadLetterQueue: dlq, retryAttempts: 20, maxEventAge: Duration.hours(24) })],
      });
      const fn = functions.make(this, consumerId, consumer.handler, EVENT_FUNCTION_NEEDS[consumer.name]!, Duration.seconds(DEPLOYED_LIMITS.consumerTimeoutSeconds));
      fn.addEventSource(new SqsEventSource(queue, { batchSize: DEPLOYED_LIMITS.consumerBatchSize, reportBatchItemFailures: true }));
    }
  }
}
