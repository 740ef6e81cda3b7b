import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { BookingFunction } from './constructs/booking-function';

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** A route that API Gateway does not guard: public by design, or guarded by the manage token in the handler. */
export function acknowledgePublicRoute(route: IConstruct, manageToken: boolean): void {
  ack(
    route,
    'AwsSolutions-APIG4',
    manageToken
      ? 'Guarded in the handler by an HMAC manage token scoped to one booking (clients have no accounts); a JWT authorizer cannot check it.'
      : 'Public by design: the booking widget on the practice website reads therapists, availability and the practice policy, and books, without an account.',
  );
}

/**
 * Every other cdk-nag (AwsSolutions) finding we accept, each with the reason. Anything not listed
 * here fails synthesis (and the infra tests).
 */
export function acknowledgeNagFindings(stack: Stack): void {
  for (const construct of stack.node.findAll()) {
    if (construct instanceof BookingFunction) {
      ack(construct, 'AwsSolutions-L1', 'Node.js 22 is the runtime this project targets and tests on (the design fixes it); upgrading is a deliberate change.');
      ack(
        construct,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The basic execution role only lets the function write its own logs.',
      );
      ack(construct, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) has no resource-level permissions.');
      ack(
        construct,
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        "SES authorises a send against every identity it involves (in the sandbox the recipient's verified identity too), so sending is granted on identities and limited by the ses:FromAddress condition to the practice's domain or address (decision 35).",
      );
    }
    const path = construct.node.path;
    if (path.includes('Custom::CDKBucketDeployment')) {
      ack(construct, 'AwsSolutions-L1', 'The runtime of the CDK-managed BucketDeployment function is chosen by aws-cdk-lib.');
      ack(construct, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK-managed deployment function: logs only.');
      for (const finding of ['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Resource::*']) {
        ack(construct, `AwsSolutions-IAM5[${finding}]`, 'CDK-managed BucketDeployment copies the widget from the CDK asset bucket to the widget bucket; its grants are scoped to those two buckets by aws-cdk-lib.');
      }
    }
  }
  ack(stack, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'The CDK bootstrap asset bucket, read by the widget deployment.');
  const widgetBucketObjects = stack.node.findAll().find((c) => c.node.path.endsWith('/Widget/Assets/Resource'));
  ack(stack, `AwsSolutions-IAM5[Resource::<${widgetBucketObjects ? stack.getLogicalId(widgetBucketObjects as never) : 'WidgetAssets'}.Arn>/*]`, 'The widget deployment writes the objects of the widget bucket only.');
  ack(stack, 'AwsSolutions-SMG4', 'The manage-token key signs links already sent to clients by email; automatic rotation would break every one of them. Rotate by hand (README) when needed.');
  ack(stack, 'AwsSolutions-COG8', 'Therapists are created by an admin only, with a strong password policy and optional TOTP MFA; the Plus tier is a cost a practice can choose (featurePlan).');
  ack(stack, 'AwsSolutions-COG2', 'MFA is optional by default (TOTP offered at sign-in); a practice sets signIn.mfa to "required" to require it of every sign-in (decision 49).');
  ack(stack, 'AwsSolutions-CFR1', 'The widget script is public and used wherever a client is; no geographic restriction applies.');
  ack(stack, 'AwsSolutions-CFR2', 'The distribution serves static, public files only (the widget script, the console\'s page, script and styles); the API they call is throttled by API Gateway, so a WAF adds cost without protecting anything here.');
  ack(stack, 'AwsSolutions-CFR4', 'Without a custom domain CloudFront uses its default certificate, whose TLS policy cannot be raised; set a custom domain to enforce TLS 1.2.');
  ack(stack, 'AwsSolutions-SQS3', 'These queues are dead-letter queues themselves (watched by alarms).');
}
