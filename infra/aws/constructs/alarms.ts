import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keepLogicalId } from './stable-logical-id';

export interface AlarmsProps {
  practiceName: string;
  /** Where alarms are emailed (optional: the topic exists either way). */
  alarmEmail?: string;
}

/** The alarm topic, and how anything in the stack is watched: one alarm per metric, to the topic. */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: `${props.practiceName} booking alarms`, enforceSSL: true });
    keepLogicalId(this.topic, 'Alarms04B5A0BF');
    // enforceSSL makes a topic policy holding only its TLS Deny, and a topic policy replaces SNS's
    // default one: without this Allow, no alarm of the stack could publish (decision 33).
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudWatchAlarmsOfThisAccountPublish',
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }));
    if (props.alarmEmail) {
      const subscription = new EmailSubscription(props.alarmEmail);
      this.topic.addSubscription(subscription);
    }
  }

  /** An alarm on the metric, at or above the threshold, to the topic; no data is no problem. */
  watch(scope: Construct, id: string, metric: IMetric, threshold = 1): Alarm {
    const alarm = new Alarm(scope, id, {
      metric, threshold, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }

  /** A queue for what could not be processed, kept 14 days, alarmed as soon as it holds anything. */
  deadLetterQueue(scope: Construct, id: string): Queue {
    const queue = new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    this.watch(scope, `${id}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }));
    return queue;
  }
}
