import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { Alarms } from './constructs/alarms';
import { ApiEdge } from './constructs/api-edge';
import { BookingApi } from './constructs/booking-api';
import { BookingData } from './constructs/booking-data';
import { ConsoleHosting } from './constructs/console-hosting';
import { EmailFeedback } from './constructs/email-feedback';
import { EmailSending } from './constructs/email-sending';
import { EventFlow } from './constructs/event-flow';
import { FunctionFactory } from './constructs/function-factory';
import { Reminders } from './constructs/reminders';
import { SignIn } from './constructs/sign-in';
import { WidgetHosting } from './constructs/widget-hosting';
import { initialSettings, signInDomainPrefix, type DeployConfig } from './deploy-config';

export interface PracticeBookingStackProps extends StackProps {
  config: DeployConfig;
  /** Repository root: handler paths of the route table and catalog are relative to it. */
  rootDir: string;
  /** Folder with the built widget (booking-widget.js). */
  widgetDir: string;
  /** Folder with the built console (index.html, console.js, console.css). */
  consoleDir: string;
}

/** The table operations the functions use: throttles and system errors are watched on each. */
const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.TRANSACT_WRITE_ITEMS];

/**
 * Everything one practice needs, wired from the same route table, table definition and event
 * catalog the local runtime reads.
 */
export class PracticeBookingStack extends Stack {
  constructor(scope: Construct, id: string, props: PracticeBookingStackProps) {
    super(scope, id, props);
    const { config } = props;

    const data = new BookingData(this, 'Data');
    const widget = new WidgetHosting(this, 'Widget', { widgetDir: props.widgetDir });
    const consoleUrl = ConsoleHosting.urlOf(widget);
    const signIn = new SignIn(this, 'SignIn', {
      domainPrefix: signInDomainPrefix(config, this.stackName),
      consoleUrls: [consoleUrl, ...config.signIn.extraCallbackUrls],
      mfa: config.signIn.mfa,
    });
    const email = new EmailSending(this, 'EmailSending', { senderEmail: config.senderEmail, senderDomain: config.senderDomain, mailFromDomain: config.mailFromDomain });
    const bus = new EventBus(this, 'Bus', { description: 'Booking domain events (ids and times only)' });
    const alarms = new Alarms(this, 'Monitoring', { practiceName: config.practiceName, ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}) });

    const functions = new FunctionFactory({
      rootDir: props.rootDir, logRetention: config.logRetentionDays, data, bus, email, signIn, alarms,
      environment: {
        TABLE_NAME: data.table.tableName,
        EVENT_BUS_NAME: bus.eventBusName,
        PUBLIC_BASE_URL: config.bookingPageUrl,
        // The booking page may be the practice's own site; the console is on the widget's distribution.
        CONSOLE_URL: consoleUrl,
        SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
        COGNITO_USER_POOL_ID: signIn.userPool.userPoolId,
        // The allowed origins are in here, once (the functions read them from it: decision 33).
        PRACTICE_SETTINGS_DEFAULTS: JSON.stringify(initialSettings(config)),
        POWERTOOLS_SERVICE_NAME: 'practice-booking',
        ...(config.customDomain ? { API_BASE_URL: `https://${config.customDomain.domainName}` } : {}),
      },
    });
    const consoleOrigins = [`https://${widget.distribution.distributionDomainName}`, ...config.signIn.extraCallbackUrls.map((url) => new URL(url).origin)];
    const { api } = new BookingApi(this, 'Http', { config, logRetention: config.logRetentionDays, functions, signIn, alarms, consoleOrigins });
    // With CloudFront and WAF in front (decision 144), the widget and the console use the distribution.
    const edge = config.apiEdge.enabled ? new ApiEdge(this, 'ApiEdge', { api, ...(config.apiEdge.webAclArn ? { webAclArn: config.apiEdge.webAclArn } : {}) }) : undefined;
    if (edge && !config.apiEdge.webAclArn) {
      Annotations.of(edge).addWarningV2('practice:apiEdgeWithoutWaf', 'apiEdge is enabled without webAclArn: the API distribution runs without WAF. Deploy the ApiWaf stack (us-east-1) and set apiEdge.webAclArn to its WebAclArn output.');
    }
    const apiUrl = edge ? `https://${edge.distribution.distributionDomainName}` : config.customDomain ? `https://${config.customDomain.domainName}` : api.apiEndpoint;
    const consoleSite = new ConsoleHosting(this, 'Console', {
      widget,
      consoleDir: props.consoleDir,
      apiUrl,
      // The distribution's own name would close a cycle (API → CORS → console CSP), as decision 48 says of the API's.
      apiOriginForCsp: edge ? `${ConsoleHosting.executeApiPattern(this)} https://*.cloudfront.net` : config.customDomain ? apiUrl : ConsoleHosting.executeApiPattern(this),
      signInDomainUrl: signIn.domainUrl,
      clientId: signIn.consoleClient.userPoolClientId,
      mfa: config.signIn.mfa,
      // Shown on the user's phone beside their other accounts: the name the practice chose to be
      // discreet in inboxes, else the console's own; never the practice name by default, which may
      // name the kind of therapy.
      totpIssuer: config.senderName ?? 'Practice console',
    });
    new EventFlow(this, 'Events', { table: data.table, bus, functions, alarms });
    new Reminders(this, 'Reminders', { functions, alarms });
    new EmailFeedback(this, 'EmailFeedback', { functions, alarms, email });

    // ---- Alarms beyond the per-function ones. Lambda throttling is watched account-wide (one alarm, not one per function).
    alarms.watch(this, 'LambdaThrottles', new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: Duration.minutes(5) }));
    // ThrottledRequests exists per operation only (dimensions TableName and Operation): summed over ours.
    alarms.watch(this, 'TableThrottles', data.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: Duration.minutes(5) }));
    alarms.watch(this, 'TableSystemErrors', data.table.metricSystemErrorsForOperations({ period: Duration.minutes(5), operations: TABLE_OPERATIONS }));

    new CfnOutput(this, 'ApiUrl', { value: edge ? apiUrl : api.apiEndpoint, description: 'The booking API: the widget\'s api="…"' });
    new CfnOutput(this, 'WidgetScriptUrl', { value: `https://${widget.distribution.distributionDomainName}/booking-widget.js`, description: 'Embed with <script src="…" defer>' });
    new CfnOutput(this, 'UserPoolId', { value: signIn.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: signIn.consoleClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleSite.url, description: 'The therapists\' and admins\' console: open it and sign in' });
    new CfnOutput(this, 'SignInDomain', { value: signIn.domainUrl, description: 'Cognito managed login for the console' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    // The sender's DNS records (or the address to verify) are the EmailSending construct's outputs.
  }
}
