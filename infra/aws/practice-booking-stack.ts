import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, DomainName, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, Operation, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EVENT_CATALOG, REMINDER_SWEEP, STREAM_PUBLISHER } from '../../events/catalog';
import { EVENT_SOURCE } from '../../events/envelope';
import { ROUTES } from '../routes';
import { TABLE_DEFINITION } from '../table-definition';
import { BookingFunction } from './constructs/booking-function';
import { EmailSending } from './constructs/email-sending';
import { SignIn } from './constructs/sign-in';
import { WidgetHosting } from './constructs/widget-hosting';
import { initialSettings, type DeployConfig } from './deploy-config';
import { EVENT_FUNCTION_NEEDS, HTTP_FUNCTION_NEEDS, KMS_READ_ACTIONS, KMS_WRITE_ACTIONS, TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS, type FunctionNeeds } from './function-needs';
import { acknowledgePublicRoute } from './nag-acknowledgements';

export interface PracticeBookingStackProps extends StackProps {
  config: DeployConfig;
  /** Repository root: handler paths of the route table and catalog are relative to it. */
  rootDir: string;
  /** Folder with the built widget (booking-widget.js). */
  widgetDir: string;
}

/**
 * Everything one practice needs, wired from the same route table, table definition and event
 * catalog the local runtime reads.
 */
export class PracticeBookingStack extends Stack {
  constructor(scope: Construct, id: string, props: PracticeBookingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = config.logRetentionDays;

    // ---- Data: one table, encrypted with the practice's own key, streamed, expiring by TTL.
    const tableKey = new Key(this, 'TableKey', { enableKeyRotation: true, description: 'Encrypts the booking table', removalPolicy: RemovalPolicy.RETAIN });
    const attributeType = (name: string) => (TABLE_DEFINITION.attributes.find((a) => a.name === name)!.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);
    const table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: attributeType(TABLE_DEFINITION.partitionKey) },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: attributeType(TABLE_DEFINITION.sortKey) },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
    });
    for (const g of TABLE_DEFINITION.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: attributeType(g.partitionKey) },
        sortKey: { name: g.sortKey, type: attributeType(g.sortKey) },
        projectionType: ProjectionType.ALL,
      });
    }

    // ---- Secrets, identity, email, events.
    const manageTokenSecret = new Secret(this, 'ManageTokenSecret', {
      description: 'HMAC key of booking manage links and calendar-feed URLs',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const signIn = new SignIn(this, 'SignIn');
    const { userPool, consoleClient } = signIn;
    const email = new EmailSending(this, 'EmailSending', { config });
    const { configurationSet } = email;

    const bus = new EventBus(this, 'Bus', { description: 'Booking domain events (ids and times only)' });
    const alarms = new Topic(this, 'Alarms', { displayName: `${config.practiceName} booking alarms`, enforceSSL: true });
    if (config.alarmEmail) alarms.addSubscription(new EmailSubscription(config.alarmEmail));
    const watch = (id: string, metric: IMetric, threshold = 1) =>
      new Alarm(this, id, {
        metric, threshold, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(alarms));
    const deadLetterQueue = (id: string) => {
      const queue = new Queue(this, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
      watch(`${id}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }));
      return queue;
    };

    // ---- Functions: one per handler, each with only what it needs.
    const widget = new WidgetHosting(this, 'Widget', { widgetDir: props.widgetDir });
    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: bus.eventBusName,
      PUBLIC_BASE_URL: config.bookingPageUrl,
      ALLOWED_ORIGINS: config.allowedOrigins.join(','),
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      COGNITO_USER_POOL_ID: userPool.userPoolId,
      PRACTICE_SETTINGS_DEFAULTS: JSON.stringify(initialSettings(config)),
      POWERTOOLS_SERVICE_NAME: 'practice-booking',
      ...(config.customDomain ? { API_BASE_URL: `https://${config.customDomain.domainName}` } : {}),
    };
    const makeFunction = (id: string, handler: string, needs: FunctionNeeds, timeout?: Duration) => {
      const fn = new BookingFunction(this, id, {
        handler, rootDir: props.rootDir, logRetention: retention,
        environment: { ...environment, ...(needs.manageTokenSecret ? { MANAGE_TOKEN_SECRET_ARN: manageTokenSecret.secretArn } : {}) },
        ...(timeout ? { timeout } : {}),
      });
      if (needs.table !== 'none') {
        const actions = needs.table === 'write' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
        const indexes = TABLE_DEFINITION.globalSecondaryIndexes.map((g) => `${table.tableArn}/index/${g.name}`);
        fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [table.tableArn, ...indexes] }));
        fn.addToRolePolicy(new PolicyStatement({
          effect: Effect.ALLOW,
          actions: needs.table === 'write' ? [...KMS_READ_ACTIONS, ...KMS_WRITE_ACTIONS] : KMS_READ_ACTIONS,
          resources: [tableKey.keyArn],
        }));
      }
      if (needs.manageTokenSecret) manageTokenSecret.grantRead(fn);
      if (needs.publishEvents) bus.grantPutEventsTo(fn);
      if (needs.sendEmail) email.grantSend(fn);
      if (needs.cognito?.length) signIn.grantAdminActions(fn, needs.cognito);
      watch(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5) }));
      return fn;
    };

    // ---- The HTTP API, from the route table.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention, removalPolicy: RemovalPolicy.RETAIN });
    const api = new HttpApi(this, 'Api', { description: `${config.practiceName} booking API`, createDefaultStage: false });
    const domainName = config.customDomain
      ? new DomainName(this, 'ApiDomain', {
          domainName: config.customDomain.domainName,
          certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.customDomain.certificateArn),
        })
      : undefined;
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      ...(domainName ? { domainMapping: { domainName } } : {}),
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Request ids, route, status and timing: no query string (manage tokens), no headers, no IP.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', latency: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage', time: '$context.requestTimeEpoch',
        })),
      },
    });
    const authorizer = new HttpUserPoolAuthorizer('TherapistSignIn', userPool, { userPoolClients: [consoleClient] });
    for (const route of ROUTES) {
      const id = `Http${route.operationId[0]!.toUpperCase()}${route.operationId.slice(1)}`;
      const fn = makeFunction(id, route.handler, HTTP_FUNCTION_NEEDS[route.operationId]);
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method as keyof typeof HttpMethod]],
        integration: new HttpLambdaIntegration(`${id}Integration`, fn),
        ...(route.auth === 'jwt' ? { authorizer } : {}),
      });
      if (route.auth === 'none') acknowledgePublicRoute(httpRoute!, HTTP_FUNCTION_NEEDS[route.operationId].manageTokenSecret === true);
    }
    watch('Api5xx', api.metricServerError({ period: Duration.minutes(5) }));

    // ---- The stream is the outbox: table changes → publish-events → the bus.
    const streamFailures = deadLetterQueue('StreamDeadLetters');
    const publisher = makeFunction('PublishEvents', STREAM_PUBLISHER.handler, EVENT_FUNCTION_NEEDS[STREAM_PUBLISHER.name]!, Duration.seconds(30));
    publisher.addEventSource(new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 20,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(streamFailures),
    }));

    // ---- Consumers, from the catalog: bus rule → queue (retries over an hour) → function → DLQ.
    for (const consumer of EVENT_CATALOG) {
      const id = consumer.name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
      const dlq = deadLetterQueue(`${id}DeadLetters`);
      const queue = new Queue(this, `${id}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Six times the function's timeout, as Lambda advises; 20 receives ≈ an hour of retries.
        visibilityTimeout: Duration.minutes(3),
        deadLetterQueue: { queue: dlq, maxReceiveCount: 20 },
      });
      new Rule(this, `${id}Rule`, {
        eventBus: bus,
        description: `${consumer.events.join(', ')} → ${consumer.name}`,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...consumer.events] },
        targets: [new SqsQueue(queue, { deadLetterQueue: dlq, retryAttempts: 20, maxEventAge: Duration.hours(24) })],
      });
      const fn = makeFunction(id, consumer.handler, EVENT_FUNCTION_NEEDS[consumer.name]!, Duration.seconds(30));
      fn.addEventSource(new SqsEventSource(queue, { batchSize: 5, reportBatchItemFailures: true }));
    }

    // ---- Reminders: a sweep every minute.
    const sweepFailures = deadLetterQueue('SweepDeadLetters');
    const sweep = makeFunction('SweepReminders', REMINDER_SWEEP.handler, EVENT_FUNCTION_NEEDS[REMINDER_SWEEP.name]!, Duration.seconds(50));
    new Rule(this, 'SweepSchedule', {
      description: 'Turns due reminders into reminder.due events',
      schedule: Schedule.rate(Duration.minutes(REMINDER_SWEEP.everyMinutes)),
      targets: [new LambdaFunction(sweep, { deadLetterQueue: sweepFailures, retryAttempts: 2 })],
    });

    // ---- Bounces and complaints.
    const feedbackFailures = deadLetterQueue('EmailFeedbackDeadLetters');
    const feedback = makeFunction('RecordEmailFeedback', 'functions/events/record-email-feedback.ts', EVENT_FUNCTION_NEEDS['record-email-feedback']!);
    new Rule(this, 'EmailFeedbackRule', {
      description: 'SES bounces and complaints of this configuration set',
      eventPattern: { source: ['aws.ses'], detail: { mail: { tags: { 'ses:configuration-set': [configurationSet.configurationSetName] } } } },
      targets: [new LambdaFunction(feedback, { deadLetterQueue: feedbackFailures, retryAttempts: 2 })],
    });

    // ---- Alarms beyond the per-function ones. Throttling is watched account-wide (one alarm, not 40).
    watch('LambdaThrottles', new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: Duration.minutes(5) }));
    watch('TableThrottles', table.metric('ThrottledRequests', { statistic: 'Sum', period: Duration.minutes(5) }));
    watch('TableSystemErrors', table.metricSystemErrorsForOperations({
      period: Duration.minutes(5),
      operations: [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.TRANSACT_WRITE_ITEMS],
    }));

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'The booking API: the widget\'s api="…"' });
    new CfnOutput(this, 'WidgetScriptUrl', { value: `https://${widget.distribution.distributionDomainName}/booking-widget.js`, description: 'Embed with <script src="…" defer>' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: consoleClient.userPoolClientId });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topicArn });
    new CfnOutput(this, 'SesIdentityToVerify', { value: email.identity.emailIdentityName, description: 'Verify this in SES before emails can go out' });
  }
}
