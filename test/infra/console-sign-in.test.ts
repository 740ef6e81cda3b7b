import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { CONSOLE_REWRITE_SOURCE } from '../../infra/aws/console-rewrite';
import { parseDeployConfig, signInDomainPrefix } from '../../infra/aws/deploy-config';
import { exampleConfig, stackLookups, synthesize, type Resource } from './synth';

/** The console in AWS: Cognito managed login for it, and its hosting beside the widget (decisions 48, 49). */
let template: Template;
let stack: Stack;
beforeAll(() => {
  ({ template, stack } = synthesize());
});
const { resources } = stackLookups(() => ({ template, stack }));
const json = (value: unknown) => JSON.stringify(value);
const client = () => resources('AWS::Cognito::UserPoolClient')[0]![1].Properties;
const distribution = () => resources('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const distributionId = () => resources('AWS::CloudFront::Distribution')[0]![0];
const consoleBehaviour = () => (distribution().CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/console/*')!;
const headersPolicy = () => {
  const id = consoleBehaviour().ResponseHeadersPolicyId.Ref as string;
  return (template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[id] as Resource).Properties.ResponseHeadersPolicyConfig;
};
/** The console's deployments: the custom resources writing under console/. */
const consoleDeployments = () => resources('Custom::CDKBucketDeployment').filter(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'console/');

describe('the user-pool domain and managed login', () => {
  test('a Cognito prefix domain with the newer managed login, and a default branding style for the console client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'harbor-light-therapy-practicebooking',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: 'Therapists637A52FC' },
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: 'Therapists637A52FC' },
      ClientId: { Ref: 'ConsoleClient4D43B885' },
      UseCognitoProvidedValues: true,
    });
  });

  test('the prefix: the config\'s, or derived from practice and stack, always one Cognito accepts', () => {
    expect(signInDomainPrefix({ ...exampleConfig(), signIn: { ...exampleConfig().signIn, domainPrefix: 'hlt-console' } }, 'PracticeBooking')).toBe('hlt-console');
    const derive = (practiceName: string, stackName = 'PracticeBooking') => signInDomainPrefix({ practiceName, signIn: exampleConfig().signIn }, stackName);
    expect(derive('Harbor Light Therapy')).toBe('harbor-light-therapy-practicebooking');
    expect(derive('Harbor Light Therapy')).toBe(derive('Harbor Light Therapy')); // deterministic
    for (const name of ['Dawson Therapy', 'Amazonia Couples', 'Cognitive & Sex Therapy', 'Ærø Ünion — Paare', '!!!', 'A'.repeat(200)]) {
      const prefix = derive(name, 'Prod-AWS-Stack');
      expect([name, prefix]).toEqual([name, expect.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)]);
      expect([name, /aws|amazon|cognito/.test(prefix)]).toEqual([name, false]);
    }
  });

  test.each([
    [{ domainPrefix: 'Harbor' }, /signIn\.domainPrefix: must be 1-63 lower-case/],
    [{ domainPrefix: 'my-aws-login' }, /signIn\.domainPrefix: must not contain "aws"/],
    [{ domainPrefix: 'cognito' }, /signIn\.domainPrefix: must not contain/],
    [{ domainPrefix: '-harbor' }, /signIn\.domainPrefix/],
    [{ extraCallbackUrls: ['http://console.harbor-light.example/'] }, /signIn\.extraCallbackUrls\.0: must be an absolute https:\/\/ URL/],
    [{ extraCallbackUrls: ['https://console.harbor-light.example/#x'] }, /signIn\.extraCallbackUrls\.0: must be an absolute https/],
    [{ extraCallbackUrls: ['console.harbor-light.example'] }, /signIn\.extraCallbackUrls\.0/],
    [{ mfa: 'sometimes' }, /signIn\.mfa/],
  ])('a sign-in configuration Cognito would refuse is refused at synth: %j', (signIn, message) => {
    expect(() => parseDeployConfig({ ...exampleConfig(), signIn }, 'practice.json')).toThrow(message);
  });
});

describe('the console app client', () => {
  test('authorization code only (no implicit flow), a public client, openid email profile and the user-API scope, token revocation, SRP kept', () => {
    expect(client()).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
      GenerateSecret: false,
    });
    expect(client().ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
    expect(client().AllowedOAuthFlows).not.toContain('implicit');
  });

  test('with the user-API scope a user may write their locale only: never their email or the therapist link (decision 58)', () => {
    // aws.cognito.signin.user.admin lets an access token call UpdateUserAttributes on its own user;
    // Cognito lets it write only what the client's WriteAttributes lists.
    expect(client().WriteAttributes).toEqual(['locale']);
    expect(client().ReadAttributes).toBeUndefined(); // reading stays the default (all): GetUser shows the email the app labels
  });

  test('callback and sign-out URLs: the console on the distribution, nothing else by default', () => {
    const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }, '/console/']] };
    expect(client().CallbackURLs).toEqual([consoleUrl]);
    expect(client().LogoutURLs).toEqual([consoleUrl]);
  });

  test('extra callback URLs from the config are added to both lists and to the API\'s CORS origins', () => {
    const extra = 'https://console.harbor-light.example/console/';
    const { template: t } = synthesize(parseDeployConfig({ ...exampleConfig(), signIn: { extraCallbackUrls: [extra] } }, 'practice.json'));
    const c = Object.values(t.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(c.CallbackURLs).toEqual([expect.anything(), extra]);
    expect(c.LogoutURLs).toEqual([expect.anything(), extra]);
    const api = Object.values(t.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties;
    expect(api.CorsConfiguration.AllowOrigins).toEqual(expect.arrayContaining(['https://www.harbor-light.example', 'https://console.harbor-light.example']));
  });

  test('the client keeps its logical id and the pool\'s: CallbackURLs and OAuth flows update a client in place', () => {
    // CloudFormation's resource schema (shipped with cfn-lint) lists GenerateSecret and UserPoolId as
    // the only create-only properties of a UserPoolClient; neither changes here.
    expect(resources('AWS::Cognito::UserPoolClient').map(([id]) => id)).toEqual(['ConsoleClient4D43B885']);
    expect(client().UserPoolId).toEqual({ Ref: 'Therapists637A52FC' });
  });

  test('the API\'s JWT authorizer accepts exactly the console client\'s tokens (the ID token\'s aud)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: 'ConsoleClient4D43B885' }], Issuer: Match.anyValue() },
    });
    expect(json(resources('AWS::ApiGatewayV2::Authorizer')[0]![1].Properties.JwtConfiguration.Issuer)).toContain('Therapists637A52FC');
  });

  test('the API\'s CORS allows the console\'s origin beside the practice\'s sites, with the Authorization header', () => {
    const cors = resources('AWS::ApiGatewayV2::Api')[0]![1].Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(['https://www.harbor-light.example', { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }]] }]);
    expect(cors.AllowHeaders).toContain('authorization');
    expect(cors.AllowCredentials).toBe(false);
  });
});

describe('MFA (decision 49)', () => {
  test('TOTP offered by default, SMS never', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  test('config.json tells the console the pool\'s MFA setting and a discreet issuer for authenticator apps', () => {
    const read = (config = exampleConfig()) => {
      const { assembly } = synthesize(config);
      const file = readdirSync(assembly.directory, { recursive: true, withFileTypes: true }).find((f) => f.isFile() && f.name === 'config.json')!;
      return JSON.parse(readFileSync(path.join(file.parentPath, file.name), 'utf8')).signIn as Record<string, string>;
    };
    expect(read()).toMatchObject({ mfa: 'optional', issuer: 'Harbor Light Therapy' }); // the example's senderName
    const required = read(parseDeployConfig({ ...exampleConfig(), signIn: { mfa: 'required' } }, 'practice.json'));
    expect(required.mfa).toBe('required');
    // Without a sender name the practice name (which may name the kind of therapy) is not used.
    const { senderName: _unused, ...noSender } = exampleConfig();
    expect(read(parseDeployConfig({ ...noSender, practiceName: 'Harbor Light Sex Therapy' }, 'practice.json')).issuer).toBe('Practice console');
  });

  test('signIn.mfa "required" requires it of every sign-in of the pool', () => {
    const { template: t } = synthesize(parseDeployConfig({ ...exampleConfig(), signIn: { mfa: 'required' } }, 'practice.json'));
    t.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });
});

describe('the console\'s hosting, in the widget\'s bucket and distribution', () => {
  test('one distribution and one bucket origin serve both; /console/* and /console have their own behaviour', () => {
    expect(resources('AWS::CloudFront::Distribution')).toHaveLength(1);
    expect(distribution().Origins).toHaveLength(1);
    const behaviours = (distribution().CacheBehaviors as Record<string, any>[]).map((b) => b.PathPattern).sort();
    expect(behaviours).toEqual(['/console', '/console/*']);
    expect(consoleBehaviour()).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], TargetOriginId: distribution().Origins[0].Id });
  });

  test('a strict CSP naming the API and the sign-in domain, HSTS, nosniff, no referrer, no framing', () => {
    const security = headersPolicy().SecurityHeadersConfig;
    const csp = json(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.execute-api\.",\{"Ref":"AWS::Region"\},"\.",\{"Ref":"AWS::URLSuffix"\}," https:\/\/harbor-light-therapy-practicebooking\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com https:\/\/cognito-idp\.",\{"Ref":"AWS::Region"\},"\.amazonaws\.com;/);
    expect(csp).toMatch(/form-action https:\/\/harbor-light-therapy-practicebooking\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*;|'self' \*/);
    expect(security.ContentSecurityPolicy.Override).toBe(true);
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });

  test('with a custom API domain the CSP names exactly that origin', () => {
    const { template: t } = synthesize({ ...exampleConfig(), customDomain: { domainName: 'book.harbor-light.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } });
    const csp = json(Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map((p) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy));
    expect(csp).toContain("connect-src 'self' https://book.harbor-light.example https://harbor-light-therapy-practicebooking.auth.");
    expect(csp).not.toContain('execute-api');
  });

  test('a CloudFront Function on the console\'s behaviours serves /console/ as index.html and sends /console to /console/', () => {
    const fnId = consoleBehaviour().FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0] as string;
    expect(consoleBehaviour().FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    const bare = (distribution().CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/console')!;
    expect(bare.FunctionAssociations).toEqual(consoleBehaviour().FunctionAssociations);
    const fn = template.findResources('AWS::CloudFront::Function')[fnId] as Resource;
    expect(fn.Properties).toMatchObject({ FunctionConfig: { Runtime: 'cloudfront-js-2.0' }, AutoPublish: true });
    expect(fn.Properties.FunctionCode).toBe(CONSOLE_REWRITE_SOURCE);
  });

  test('the rewrite, run as CloudFront runs it', async () => {
    const handler = new Function(`${CONSOLE_REWRITE_SOURCE}; return handler;`)() as (e: unknown) => Promise<Record<string, any>>;
    const request = (uri: string) => ({ request: { uri, method: 'GET', querystring: { code: { value: 'c' }, state: { value: 's' } }, headers: {} } });
    expect(await handler(request('/console/'))).toMatchObject({ uri: '/console/index.html', querystring: { code: { value: 'c' }, state: { value: 's' } } });
    expect(await handler(request('/console/console.js'))).toMatchObject({ uri: '/console/console.js' });
    expect(await handler(request('/console/config.json'))).toMatchObject({ uri: '/console/config.json' });
    expect(await handler(request('/console'))).toEqual({ statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' }, 'cache-control': { value: 'max-age=3600' } } });
  });

  test('the files under console/, none pruning another deployment\'s: page and config no-cache, script and styles briefly cached', () => {
    const all = resources('Custom::CDKBucketDeployment');
    expect(all).toHaveLength(3);
    for (const [, d] of all) expect(d.Properties.Prune).toBe(false);
    const deployments = consoleDeployments().map(([, d]) => d.Properties);
    expect(deployments).toHaveLength(2);
    const page = deployments.find((d) => (d.Include ?? []).includes('index.html'))!;
    const assets = deployments.find((d) => d !== page)!;
    expect(page).toMatchObject({ Exclude: ['*'], Include: ['index.html', 'config.json'], SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(page.DistributionPaths).toEqual(expect.arrayContaining(['/console/*']));
    expect(assets).toMatchObject({ Exclude: ['index.html', 'config.json'], SystemMetadata: { 'cache-control': 'public, max-age=300, stale-while-revalidate=86400' } });
  });

  test('config.json is written at deploy time with the shape the console reads', () => {
    const page = consoleDeployments().map(([, d]) => d.Properties).find((d) => (d.Include ?? []).includes('config.json'))!;
    const { assembly } = synthesize();
    const files = readdirSync(assembly.directory, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name === 'config.json');
    expect(files).toHaveLength(1);
    // Source.jsonData writes the file with markers the deployment replaces by the resolved values.
    const markers = Object.assign({}, ...(page.SourceMarkers as Record<string, unknown>[])) as Record<string, unknown>;
    const resolve = (text: string): unknown => {
      const parts = text.split(/(<<marker:0xbaba:\d+>>)/).filter(Boolean).map((p) => (p in markers ? markers[p] : p));
      return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
    };
    const raw = JSON.parse(readFileSync(path.join(files[0]!.parentPath, files[0]!.name), 'utf8')) as { apiUrl: string; signIn: Record<string, string> };
    const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }, '/console/']] };
    expect({ apiUrl: resolve(raw.apiUrl), signIn: Object.fromEntries(Object.entries(raw.signIn).map(([k, v]) => [k, resolve(v)])) }).toEqual({
      apiUrl: { 'Fn::GetAtt': ['ApiF70053CD', 'ApiEndpoint'] }, // https://<id>.execute-api.<region>.amazonaws.com, no trailing slash
      signIn: {
        kind: 'cognito',
        domain: { 'Fn::Join': ['', ['https://harbor-light-therapy-practicebooking.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] },
        clientId: { Ref: 'ConsoleClient4D43B885' },
        redirectUri: consoleUrl,
        logoutUri: consoleUrl,
        // The console's two-step sign-in calls Cognito's user API of this region.
        region: { Ref: 'AWS::Region' },
        mfa: 'optional',
        issuer: 'Harbor Light Therapy',
      },
    });
  });

  test('with a custom API domain config.json names it', () => {
    const { assembly } = synthesize({ ...exampleConfig(), customDomain: { domainName: 'book.harbor-light.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } });
    const file = readdirSync(assembly.directory, { recursive: true, withFileTypes: true }).find((f) => f.isFile() && f.name === 'config.json')!;
    expect(JSON.parse(readFileSync(path.join(file.parentPath, file.name), 'utf8')).apiUrl).toBe('https://book.harbor-light.example');
  });

  test('the stack outputs the console\'s URL and the sign-in domain', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ConsoleUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }, '/console/']] });
    expect(outputs.SignInDomain!.Value).toEqual({ 'Fn::Join': ['', ['https://harbor-light-therapy-practicebooking.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] });
  });
});
