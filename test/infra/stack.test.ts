import { readFileSync } from 'node:fs';
import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { CALENDAR_SYNC, EVENT_CATALOG, HOLD_SWEEP, REMINDER_SWEEP, SERIES_EXTENSION, STREAM_PUBLISHER } from '../../events/catalog';
import { EVENT_SOURCE } from '../../events/envelope';
import { EVENT_FUNCTION_NEEDS, HTTP_FUNCTION_NEEDS, KMS_WRITE_ACTIONS, TABLE_READ_ACTIONS, TABLE_SCAN_ACTIONS, TABLE_WRITE_ACTIONS, unionOfNeeds, type FunctionNeeds } from '../../infra/aws/function-needs';
import { AREAS, operationsOf, type Area } from '../../shared/http/areas';
import { parseDeployConfig } from '../../infra/aws/deploy-config';
import { ROUTES } from '../../infra/routes';
import { TABLE_DEFINITION } from '../../infra/table-definition';
import { camel, exampleConfig, stackLookups, synthesize, type Resource } from './synth';

let template: Template;
let stack: Stack;
beforeAll(() => {
  ({ template, stack } = synthesize());
});

const { resources, functionLogicalId } = stackLookups(() => ({ template, stack }));
const areaId = (area: Area) => `Http${camel(area)}`;
/** What an area's function needs: everything any of its operations needs, and nothing else. */
const areaNeeds = (area: Area): FunctionNeeds => unionOfNeeds(operationsOf(area).map((id) => HTTP_FUNCTION_NEEDS[id]));
type AlarmProps = Record<string, any>;
/** The metrics an alarm reads: its one metric, or each metric of its math expression. */
const metricsOf = (a: AlarmProps): { MetricName: string; Namespace: string; Dimensions?: { Name: string; Value: unknown }[] }[] =>
  a.MetricName ? [{ MetricName: a.MetricName, Namespace: a.Namespace, Dimensions: a.Dimensions }] : (a.Metrics ?? []).filter((m: AlarmProps) => m.MetricStat).map((m: AlarmProps) => m.MetricStat.Metric);

/** Every action the function's role may take, by the policies attached to its role. */
function actionsOf(functionId: string): string[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(functionId)!] as Resource;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
}

/** The actions the function's role may take on the calendar-password key. */
function calendarKeyActionsOf(functionId: string): string[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(functionId)!] as Resource;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const keyId = resources('AWS::KMS::Key').find(([, k]) => /calendar passwords/.test(String(k.Properties.Description)))![0];
  return resources('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
    .filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes(`"${keyId}"`))
    .flatMap((s: { Action: string | string[] }) => [s.Action].flat());
}

function expectLeastPrivilege(functionId: string, needs: FunctionNeeds) {
  const actions = actionsOf(functionId);
  const tableActions = actions.filter((a) => a.startsWith('dynamodb:') && !a.startsWith('dynamodb:GetRecords') && !/Stream|Shard/.test(a));
  const expected = [
    ...(needs.table === 'none' ? [] : needs.table === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]),
    ...(needs.scan ? TABLE_SCAN_ACTIONS : []),
  ];
  expect([functionId, [...new Set(tableActions)].sort()]).toEqual([functionId, [...expected].sort()]);
  expect([functionId, actions.some((a) => a.startsWith('ses:'))]).toEqual([functionId, needs.sendEmail === true]);
  expect([functionId, actions.includes('events:PutEvents')]).toEqual([functionId, needs.publishEvents === true]);
  expect([functionId, actions.includes('secretsmanager:GetSecretValue')]).toEqual([functionId, needs.manageTokenSecret === true]);
  expect([functionId, actions.filter((a) => a.startsWith('cognito-idp:')).sort()]).toEqual([functionId, [...(needs.cognito ?? [])].sort()]);
  expect([functionId, KMS_WRITE_ACTIONS.every((a) => actions.includes(a))]).toEqual([functionId, needs.table === 'write']);
  // The calendar key (issue 15): Encrypt only where a password is added, Decrypt only where one is read.
  for (const action of ['kms:Encrypt', 'kms:Decrypt'] as const) {
    const onCalendarKey = calendarKeyActionsOf(functionId).includes(action);
    expect([functionId, action, onCalendarKey]).toEqual([functionId, action, (needs.calendarKey ?? []).includes(action)]);
  }
  expect(actions.filter((a) => a.includes('*') && !a.startsWith('xray:'))).toEqual([]);
}

describe('the HTTP API', () => {
  test('every route of the route table, with the JWT authorizer exactly on signed-in routes', () => {
    const routes = resources('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes).toHaveLength(ROUTES.length);
    for (const route of ROUTES) {
      const found = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`);
      expect([route.operationId, found?.AuthorizationType]).toEqual([route.operationId, route.auth === 'jwt' ? 'JWT' : 'NONE']);
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  test('one function per area serves each of its routes (decision 34), through one integration per area', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
    expect(Object.keys(integrations)).toHaveLength(AREAS.length);
    for (const route of ROUTES) {
      const found = resources('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`)![1];
      const integrationId = found.Properties.Target['Fn::Join'][1][1].Ref as string;
      const uri = integrations[integrationId]!.Properties.IntegrationUri;
      expect([route.operationId, uri]).toEqual([route.operationId, { 'Fn::GetAtt': [functionLogicalId(areaId(route.area)), 'Arn'] }]);
    }
  });

  test('one Node.js 22 arm64 function per area and per event handler, traced, with its own log group', () => {
    const functions = resources('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
    expect(functions).toHaveLength(AREAS.length + EVENT_CATALOG.length + 6); // + publisher, sweep, series extension, email feedback, hold expiry, calendar sync
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' } });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables).toMatchObject({ TABLE_NAME: expect.anything(), EVENT_BUS_NAME: expect.anything(), PUBLIC_BASE_URL: 'https://www.harbor-light.example/book' });
    }
  });

  test('throttling and access logs without query strings on the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const stage = resources('AWS::ApiGatewayV2::Stage')[0]![1];
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/querystring|identity|header/i);
  });
});

test('the table: on demand, point-in-time recovery, deletion protection, customer-managed key, stream, TTL, the index', () => {
  template.hasResourceProperties('AWS::DynamoDB::Table', {
    BillingMode: 'PAY_PER_REQUEST',
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    DeletionProtectionEnabled: true,
    SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
    StreamSpecification: { StreamViewType: TABLE_DEFINITION.stream },
    TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true },
    KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [Match.objectLike({ IndexName: TABLE_DEFINITION.globalSecondaryIndexes[0]!.name })],
  });
  template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
});

describe('events', () => {
  test('the stream feeds the publisher with batch-failure reporting and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionLogicalId(camel(STREAM_PUBLISHER.name)) },
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  test('every consumer of the catalog gets exactly its events: rule → queue with a DLQ → function', () => {
    for (const consumer of EVENT_CATALOG) {
      const rule = resources('AWS::Events::Rule').find(([, r]) => String(r.Properties.Description).endsWith(`→ ${consumer.name}`));
      expect([consumer.name, rule?.[1].Properties.EventPattern]).toEqual([consumer.name, { source: [EVENT_SOURCE], 'detail-type': consumer.events }]);
      const target = rule![1].Properties.Targets[0];
      expect(target.DeadLetterConfig).toBeDefined();
      const queueId = target.Arn['Fn::GetAtt'][0];
      const queue = template.findResources('AWS::SQS::Queue')[queueId] as Resource;
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(10);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: functionLogicalId(camel(consumer.name)) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  test('the reminder sweep runs every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${REMINDER_SWEEP.everyMinutes} minute)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId('SweepReminders'), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });

  test('the hold expiry runs every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${HOLD_SWEEP.everyMinutes} minute)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId('ExpireHolds'), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });

  test("the therapists' other calendars are read every 10 minutes", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${CALENDAR_SYNC.everyMinutes} minutes)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId('SyncCalendars'), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });

  test('the series extension runs daily', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${SERIES_EXTENSION.everyDays} day)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId('ExtendSeries'), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });
});

describe('SES deliverability (decision 35)', () => {
  const sendStatements = (functionId: string) => {
    const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(functionId)!] as Resource;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return resources('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[])
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
  };
  const senders = Object.entries(EVENT_FUNCTION_NEEDS).filter(([, n]) => n.sendEmail).map(([name]) => camel(name));

  test('the documented default is a domain identity with Easy DKIM and a custom MAIL FROM subdomain', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'harbor-light.example',
      DkimAttributes: { SigningEnabled: true },
      MailFromAttributes: { MailFromDomain: 'mail.harbor-light.example', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
    expect(JSON.stringify(template.findResources('AWS::SES::EmailIdentity'))).not.toContain('DomainSigningPrivateKey'); // Easy DKIM, not BYODKIM
    template.hasResourceProperties('AWS::SES::EmailIdentity', { DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' } });
  });

  test('the stack outputs every DNS record to add: three DKIM CNAMEs, the MAIL FROM MX and SPF TXT, a DMARC record', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown; Description?: string }>;
    const text = (id: string) => JSON.stringify(outputs[id] ?? null); // the names the README's deploy step uses
    for (const n of [1, 2, 3]) {
      expect(text(`DkimRecord${n}`)).toContain(`DkimDNSTokenName${n}`);
      expect(text(`DkimRecord${n}`)).toContain(`DkimDNSTokenValue${n}`);
      expect(text(`DkimRecord${n}`)).toContain('CNAME');
    }
    expect(text('MailFromMx')).toMatch(/mail\.harbor-light\.example MX 10 feedback-smtp\./);
    expect(text('MailFromMx')).toContain('AWS::Region');
    expect(text('MailFromSpf')).toContain('mail.harbor-light.example TXT \\"v=spf1 include:amazonses.com ~all\\"');
    expect(text('Dmarc')).toContain('_dmarc.harbor-light.example TXT \\"v=DMARC1; p=none;');
  });

  test('sending is scoped to the configuration set and identities, on the From address (the sandbox checks the recipient identity too)', () => {
    expect(senders.length).toBeGreaterThan(0);
    for (const id of senders) {
      const statements = sendStatements(id);
      expect([id, statements]).toEqual([id, [expect.objectContaining({
        Resource: expect.arrayContaining([
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/*']] },
          { 'Fn::Join': ['', expect.arrayContaining([':configuration-set/'])] },
        ]),
        Condition: { StringLike: { 'ses:FromAddress': '*@harbor-light.example' } },
      })]]);
      expect(JSON.stringify(statements)).not.toContain('identity/harbor-light.example');
    }
  });

  test('an address identity still works, limited to that one From address', () => {
    const { senderDomain: _d, mailFromDomain: _m, ...addressOnly } = exampleConfig();
    const { template: t } = synthesize(addressOnly);
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'appointments@harbor-light.example' });
    expect(JSON.stringify(t.toJSON().Outputs)).not.toContain('DkimDNSTokenName');
    expect(t.toJSON().Outputs.SesIdentityToVerify.Value).toEqual({ Ref: 'SenderIdentity5AECAF6F' });
    const policies = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('"StringEquals":{"ses:FromAddress":"appointments@harbor-light.example"}');
  });

  test('a configuration set suppressing bounces and complaints, feedback handled', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), EventBridgeDestination: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.ses'] }) });
  });

  test.each([
    [{ mailFromDomain: 'mail.harbor-light.example', senderDomain: undefined }, /mailFromDomain: needs senderDomain/],
    [{ mailFromDomain: 'mail.elsewhere.example' }, /mailFromDomain: must be a subdomain of senderDomain/],
    [{ mailFromDomain: 'harbor-light.example' }, /mailFromDomain: must be a subdomain of senderDomain/],
    [{ senderEmail: 'appointments@elsewhere.example' }, /senderEmail: must be an address at senderDomain/],
  ])('a sender configuration SES cannot honour is refused at synth: %j', (change, message) => {
    expect(() => parseDeployConfig({ ...JSON.parse(readFileSync('infra/aws/config/example.json', 'utf8')), ...change }, 'practice.json')).toThrow(message);
  });
});

describe('Cognito (decision 36)', () => {
  test('admin-created users only, a strong password policy, optional MFA, admin and therapist groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true }) },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'therapistId', Mutable: false })]),
    });
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort();
    expect(groups).toEqual(['admin', 'therapists']);
  });

  test('a sign-in maps to a therapist by a mutable attribute that only the admin API can write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'linkedTherapistId', AttributeDataType: 'String', Mutable: true })]),
    });
    const [[, client]] = resources('AWS::Cognito::UserPoolClient') as [[string, Resource]];
    expect(client.Properties.WriteAttributes).toEqual(expect.any(Array)); // unset would let users write every mutable attribute
    expect(client.Properties.WriteAttributes.filter((a: string) => a.startsWith('custom:') || a.startsWith('email'))).toEqual([]);
  });

  test('an email change keeps the verified address until the new one is confirmed', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
  });

  test('the functions that sync therapists with their sign-ins may call exactly the Cognito actions they use', () => {
    expect(HTTP_FUNCTION_NEEDS.updateTherapist.cognito).toEqual(expect.arrayContaining(['cognito-idp:AdminEnableUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminUpdateUserAttributes']));
    expect(HTTP_FUNCTION_NEEDS.putMe.cognito).toEqual(['cognito-idp:AdminUpdateUserAttributes']);
    expect(HTTP_FUNCTION_NEEDS.createTherapist.cognito).toEqual(expect.arrayContaining(['cognito-idp:AdminCreateUser', 'cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser']));
    for (const operationId of ['updateTherapist', 'putMe', 'createTherapist', 'deactivateTherapist'] as const) {
      expect([operationId, actionsOf(areaId(ROUTES.find((r) => r.operationId === operationId)!.area)).filter((a) => a.startsWith('cognito-idp:'))]).toEqual([operationId, expect.arrayContaining([...(HTTP_FUNCTION_NEEDS[operationId].cognito ?? [])])]);
    }
  });
});

test('moving sign-in and email sending into constructs keeps the logical ids of their retained and stateful resources', () => {
  const byId = template.toJSON().Resources as Record<string, { Type: string }>;
  const kept = ['Therapists637A52FC', 'Groupadmin', 'Grouptherapists', 'ConsoleClient4D43B885', 'SenderIdentity5AECAF6F', 'EmailConfiguration816714D4', 'EmailFeedbackToEvents69DC6D62'];
  expect(Object.fromEntries(kept.map((id) => [id, byId[id]?.Type]))).toEqual({
    Therapists637A52FC: 'AWS::Cognito::UserPool',
    Groupadmin: 'AWS::Cognito::UserPoolGroup',
    Grouptherapists: 'AWS::Cognito::UserPoolGroup',
    ConsoleClient4D43B885: 'AWS::Cognito::UserPoolClient',
    SenderIdentity5AECAF6F: 'AWS::SES::EmailIdentity',
    EmailConfiguration816714D4: 'AWS::SES::ConfigurationSet',
    EmailFeedbackToEvents69DC6D62: 'AWS::SES::ConfigurationSetEventDestination',
  });
});

test('the manage-token key is a generated secret, not in any environment', () => {
  template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  for (const [, fn] of resources('AWS::Lambda::Function')) expect(fn.Properties.Environment?.Variables?.MANAGE_TOKEN_SECRET).toBeUndefined();
});

test('least privilege: each function may do exactly what it needs', () => {
  for (const area of AREAS) expectLeastPrivilege(areaId(area), areaNeeds(area));
  for (const consumer of EVENT_CATALOG) expectLeastPrivilege(camel(consumer.name), EVENT_FUNCTION_NEEDS[consumer.name]!);
  expectLeastPrivilege(camel(STREAM_PUBLISHER.name), EVENT_FUNCTION_NEEDS[STREAM_PUBLISHER.name]!);
  expectLeastPrivilege('SweepReminders', EVENT_FUNCTION_NEEDS[REMINDER_SWEEP.name]!);
  expectLeastPrivilege('ExpireHolds', EVENT_FUNCTION_NEEDS[HOLD_SWEEP.name]!);
  expectLeastPrivilege('ExtendSeries', EVENT_FUNCTION_NEEDS[SERIES_EXTENSION.name]!);
  expectLeastPrivilege('SyncCalendars', EVENT_FUNCTION_NEEDS[CALENDAR_SYNC.name]!);
  expectLeastPrivilege('RecordEmailFeedback', EVENT_FUNCTION_NEEDS['record-email-feedback']!);
});

test('the widget: a private bucket behind CloudFront with origin access control, HTTPS, logs', () => {
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    LoggingConfiguration: Match.anyValue(),
  });
  template.hasResourceProperties('AWS::CloudFront::Distribution', {
    DistributionConfig: Match.objectLike({
      DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      Logging: Match.anyValue(),
      Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
    }),
  });
  // The widget's deployment, and the console's two (its page and its script and styles): decision 48.
  template.resourceCountIs('Custom::CDKBucketDeployment', 3);
});

test("alarms: every function's errors, every dead-letter queue, throttles, API 5xx, table errors", () => {
  const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const functions = resources('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
  expect(alarms.filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda')).toHaveLength(functions.length);
  expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(EVENT_CATALOG.length + 6); // the calendar sync's failure queue is the sixth beside the consumers'
  expect(alarms.some((a) => a.MetricName === 'Throttles')).toBe(true);
  expect(alarms.some((a) => a.Namespace === 'AWS/ApiGateway' && /5xx/i.test(a.MetricName))).toBe(true);
  expect(alarms.flatMap(metricsOf).some((m) => m.MetricName === 'ThrottledRequests')).toBe(true);
  for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1); // the alarm topic
});

describe('configuration', () => {
  test('missing required values fail with a message naming each field', () => {
    const { senderEmail: _s, bookingPageUrl: _b, ...rest } = exampleConfig();
    expect(() => parseDeployConfig({ ...rest, allowedOrigins: [] }, 'my-practice.json')).toThrow(
      /my-practice\.json is not valid:[\s\S]*senderEmail[\s\S]*bookingPageUrl[\s\S]*allowedOrigins/,
    );
  });

  test('a custom domain maps the API to it', () => {
    const { template: withDomain } = synthesize({ ...exampleConfig(), customDomain: { domainName: 'book.harbor-light.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } });
    withDomain.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'book.harbor-light.example' });
    withDomain.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: Match.anyValue() });
    const ours = Object.values(withDomain.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.TABLE_NAME);
    expect(ours.length).toBe(AREAS.length + EVENT_CATALOG.length + 6); // + publisher, sweep, series extension, email feedback, hold expiry, calendar sync
    for (const fn of ours) expect(fn.Properties.Environment.Variables.API_BASE_URL).toBe('https://book.harbor-light.example');
  });
});

test('least privilege per area: creating, disabling and deleting sign-ins stays in admin, the public area only reads', () => {
  const admin = new Set<string>(operationsOf('admin').flatMap((id) => HTTP_FUNCTION_NEEDS[id].cognito ?? []));
  expect(admin.size).toBeGreaterThan(0);
  // The widget's areas never touch sign-ins; the therapist area may only sync a therapist's own email (PUT /v1/me).
  for (const area of ['public', 'booking'] as const) expect([area, actionsOf(areaId(area)).filter((a) => a.startsWith('cognito-idp:'))]).toEqual([area, []]);
  expect(actionsOf(areaId('therapist')).filter((a) => a.startsWith('cognito-idp:'))).toEqual(['cognito-idp:AdminUpdateUserAttributes']);
  for (const action of ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminDeleteUser']) expect(admin.has(action)).toBe(true);
  expect(actionsOf(areaId('public')).filter((a) => TABLE_WRITE_ACTIONS.includes(a))).toEqual([]);
  expect(actionsOf(areaId('therapist')).some((a) => a.startsWith('ses:'))).toBe(false);
});

describe('room to grow (issue 10, item 10)', () => {
  test('the template stays well under CloudFormation\'s 500 resources: at most 400', () => {
    const count = Object.keys(template.toJSON().Resources).length;
    expect(count).toBeLessThanOrEqual(400);
  });

  test('a route costs one resource (its route): integrations and invoke permissions are per area, functions too', () => {
    const apiPermissions = resources('AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com');
    const perRoute = resources('AWS::ApiGatewayV2::Route').length + resources('AWS::ApiGatewayV2::Integration').length + apiPermissions.length;
    expect(perRoute).toBeLessThanOrEqual(ROUTES.length + 2 * AREAS.length);
    // Each permission lets this API (any stage, method, route) invoke the area's function.
    for (const [, p] of apiPermissions) expect(JSON.stringify(p.Properties.SourceArn)).toMatch(/\/\*\/\*\/\*"/);
  });
});

test('alarms can notify: CloudWatch alarms of this account may publish to the topic, over TLS only (issue 10, item 1)', () => {
  const policies = resources('AWS::SNS::TopicPolicy').map(([, p]) => p.Properties.PolicyDocument.Statement as AlarmProps[]);
  expect(policies).toHaveLength(1);
  const statements = policies[0]!;
  const allow = statements.find((s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com');
  expect(allow).toMatchObject({ Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': expect.anything() } } });
  expect(JSON.stringify(allow!.Condition.ArnLike['aws:SourceArn'])).toMatch(/:cloudwatch:.*:alarm:\*/);
  expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
});

test('the table-throttle alarm reads ThrottledRequests per operation: the metric has no series without Operation (issue 10, item 2)', () => {
  const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const throttled = alarms.flatMap(metricsOf).filter((m) => m.Namespace === 'AWS/DynamoDB' && m.MetricName === 'ThrottledRequests');
  expect(throttled.length).toBeGreaterThanOrEqual(5);
  for (const metric of throttled) expect((metric.Dimensions ?? []).map((d) => d.Name).sort()).toEqual(['Operation', 'TableName']);
  const operations = throttled.map((m) => m.Dimensions!.find((d) => d.Name === 'Operation')!.Value);
  expect(operations).toEqual(expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems']));
});

test('the sweep and the email-feedback function keep what still fails after Lambda\'s retries, and alarm on it (issue 10, item 3)', () => {
  const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  for (const id of ['SweepReminders', 'ExpireHolds', 'ExtendSeries', 'RecordEmailFeedback']) {
    const config = resources('AWS::Lambda::EventInvokeConfig').find(([, c]) => c.Properties.FunctionName.Ref === functionLogicalId(id));
    expect([id, config?.[1].Properties]).toEqual([id, expect.objectContaining({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } } })]);
    const queueId = config![1].Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::SQS::Queue')[queueId]).toBeDefined();
    const watched = alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === queueId);
    expect([id, watched]).toEqual([id, true]);
    // The function's role may send there (Lambda sends the record with the function's permissions).
    expect(actionsOf(id)).toEqual(expect.arrayContaining(['sqs:SendMessage']));
  }
});

describe('environment size (issue 10, item 8)', () => {
  test('the origins are in the environment once, inside the deployed settings', () => {
    for (const [, fn] of resources('AWS::Lambda::Function').filter(([, f]) => f.Properties.Environment?.Variables?.TABLE_NAME)) {
      expect(fn.Properties.Environment.Variables.ALLOWED_ORIGINS).toBeUndefined();
      expect(JSON.parse(fn.Properties.Environment.Variables.PRACTICE_SETTINGS_DEFAULTS).allowedOrigins).toEqual(exampleConfig().allowedOrigins);
    }
  });

  test('a configuration whose settings would not fit Lambda\'s 4 KB of environment stops synthesis, naming the remedy', () => {
    const big = {
      ...exampleConfig(),
      cancellationPolicy: 'Cancel or move at least a day ahead; later changes count as a late cancellation.\n'.repeat(25).slice(0, 2000).trim(),
      allowedOrigins: Array.from({ length: 30 }, (_, i) => `https://www${i}.a-rather-long-practice-domain-name.example`),
    };
    expect(() => synthesize(parseDeployConfig(big, 'big.json'))).toThrow(/environment of [\s\S]*4096 bytes[\s\S]*(cancellationPolicy|allowedOrigins)/);
  });
});
