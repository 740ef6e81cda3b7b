import { Match } from 'aws-cdk-lib/assertions';
import { API_MANAGED_RULE_GROUPS } from '../../infra/aws/constructs/api-edge';
import { parseDeployConfig } from '../../infra/aws/deploy-config';
import { API_CSP } from '../../shared/http/security-headers';
import { exampleConfig, synthesize } from './synth';

/** Issue 17: optional CloudFront + WAF in front of the HTTP API (decision 144), off by default. */
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/PracticeBookingApiWaf-api/0123abcd-4567-89ef-0123-456789abcdef';

describe('off (the default)', () => {
  let off: ReturnType<typeof synthesize>;
  beforeAll(() => {
    off = synthesize();
  });

  test('no web ACL, no WAF stack, one distribution (the widget and console), the API URL is API Gateway', () => {
    expect(exampleConfig().apiEdge).toEqual({ enabled: false, rateLimitPer5Minutes: 1000 });
    expect(off.waf).toBeUndefined();
    expect(off.assembly.stacks.map((s) => s.stackName)).toEqual(['PracticeBooking']);
    expect(Object.keys(off.template.findResources('AWS::WAFv2::WebACL'))).toHaveLength(0);
    expect(Object.keys(off.template.findResources('AWS::CloudFront::Distribution'))).toHaveLength(1);
    expect(JSON.stringify(off.template.findOutputs('ApiUrl'))).toContain('ApiEndpoint');
  });
});

describe('on, with the web ACL of the us-east-1 stack', () => {
  let on: ReturnType<typeof synthesize>;
  const apiDistribution = () => {
    const all = Object.values(on.template.findResources('AWS::CloudFront::Distribution')) as Array<{ Properties: { DistributionConfig: any } }>;
    return all.find((d) => d.Properties.DistributionConfig.Comment === 'Booking API (WAF)')!.Properties.DistributionConfig;
  };
  beforeAll(() => {
    on = synthesize({ ...exampleConfig(), apiEdge: { enabled: true, webAclArn: WEB_ACL_ARN, rateLimitPer5Minutes: 600 } });
  });

  test('the web ACL is in its own stack, pinned to us-east-1, scope CLOUDFRONT: a per-IP rate rule answering 429 in the contract shape, then the managed rule groups', () => {
    expect(on.wafStack!.region).toBe('us-east-1');
    const acls = Object.values(on.waf!.findResources('AWS::WAFv2::WebACL')) as Array<{ Properties: any }>;
    expect(acls).toHaveLength(1);
    const acl = acls[0]!.Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const [rate, ...managed] = acl.Rules;
    expect(rate.Statement.RateBasedStatement).toMatchObject({ Limit: 600, AggregateKeyType: 'IP' });
    expect(rate.Action.Block.CustomResponse).toMatchObject({ ResponseCode: 429, CustomResponseBodyKey: 'rateLimited' });
    expect(JSON.parse(acl.CustomResponseBodies.rateLimited.Content).error.code).toBe('rate_limited');
    expect(managed.map((r: any) => r.Statement.ManagedRuleGroupStatement)).toEqual(API_MANAGED_RULE_GROUPS.map((name) => ({ VendorName: 'AWS', Name: name })));
    // Sampled requests would keep bearer tokens and feed URLs: none anywhere.
    for (const config of [acl.VisibilityConfig, ...acl.Rules.map((r: any) => r.VisibilityConfig)]) expect(config.SampledRequestsEnabled).toBe(false);
    on.waf!.hasOutput('WebAclArn', {});
  });

  test('the API distribution: the web ACL, the API as HTTPS origin, nothing cached, every viewer header but Host forwarded, all methods, no logs', () => {
    const d = apiDistribution();
    expect(d.WebACLId).toBe(WEB_ACL_ARN);
    expect(d.Logging).toBeUndefined();
    expect(d.Origins).toHaveLength(1);
    expect(d.Origins[0].CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(d.Origins[0].DomainName)).toContain('ApiEndpoint');
    const b = d.DefaultCacheBehavior;
    expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(b.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(b.ViewerProtocolPolicy).toBe('https-only');
  });

  test("every answer through it gets HSTS and the API's security headers, API Gateway's own included", () => {
    const d = apiDistribution();
    const policies = on.template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Record<string, { Properties: any }>;
    const security = policies[d.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: API_CSP, Override: true },
    });
  });

  test('the widget and the console are pointed at the distribution', () => {
    expect(JSON.stringify(on.template.findOutputs('ApiUrl'))).toMatch(/ApiEdgeCdn.*DomainName/);
    const csp = JSON.stringify(Object.values(on.template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map((p: any) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy));
    expect(csp).toContain('https://*.cloudfront.net');
    on.template.hasResourceProperties('Custom::CDKBucketDeployment', Match.objectLike({ DestinationBucketKeyPrefix: 'console/' }));
  });
});

test('the configuration refuses a web ACL from another region and the edge with a custom domain, naming the field', () => {
  const raw = (extra: object) => ({ ...exampleConfig(), ...extra });
  expect(() => parseDeployConfig(raw({ apiEdge: { enabled: true, webAclArn: WEB_ACL_ARN.replace('us-east-1', 'eu-west-1') } }), 'test')).toThrow(/apiEdge\.webAclArn/);
  expect(() => parseDeployConfig(raw({ apiEdge: { enabled: true, rateLimitPer5Minutes: 5 } }), 'test')).toThrow(/apiEdge\.rateLimitPer5Minutes/);
  expect(() => parseDeployConfig(raw({ apiEdge: { enabled: true }, customDomain: { domainName: 'book.harbor-light.example', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' } }), 'test')).toThrow(/apiEdge: cannot be used with customDomain/);
});
