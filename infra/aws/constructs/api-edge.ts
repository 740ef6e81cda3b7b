import { CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy,
  OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { API_CSP } from '../../../shared/http/security-headers';

/**
 * The AWS managed rule groups the API's web ACL runs (none with an extra subscription fee): the
 * core rule set (common exploits), known bad inputs (Log4j, path traversal probes), and Amazon's
 * IP reputation list (botnets, scanners).
 */
export const API_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

export interface ApiWafStackProps extends StackProps {
  /** Requests one client IP may make in any 5 minutes before WAF blocks it (WAF's minimum is 10). */
  rateLimitPer5Minutes: number;
}

/**
 * The API's web ACL. A web ACL for CloudFront must be created in us-east-1 whatever region the
 * practice runs in, so it is a stack of its own, pinned there (decision 144): deployed first, its
 * `WebAclArn` output goes into the config's `apiEdge.webAclArn`, and the main stack attaches it to
 * the API's distribution. No request is sampled or logged: a sample holds the request's headers
 * (a bearer token) and its URL (a feed token).
 */
export class ApiWafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWafStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false });
    this.webAcl = new CfnWebACL(this, 'ApiWebAcl', {
      name: `${this.stackName}-api`,
      description: 'Booking API: per-IP rate limit and AWS managed rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('BookingApi'),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'rateLimited', responseHeaders: [{ name: 'retry-after', value: '300' }] } } },
          statement: { rateBasedStatement: { limit: props.rateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RatePerIp'),
        },
        ...API_MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
      ],
      // WAF's own 429 in the contract's error shape.
      customResponseBodies: {
        rateLimited: { contentType: 'APPLICATION_JSON', content: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests. Please wait a few minutes and try again.' } }) },
      },
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Put this in the config as apiEdge.webAclArn, then deploy the main stack' });
  }
}

export interface ApiEdgeProps {
  api: HttpApi;
  /** The us-east-1 web ACL's ARN (ApiWafStack's output); none: the distribution runs without WAF until it is set. */
  webAclArn?: string;
}

/**
 * CloudFront in front of the HTTP API (optional, `apiEdge.enabled`): nothing cached (every answer
 * is personal or live), every viewer header but Host forwarded (Authorization, Idempotency-Key,
 * Origin for CORS), all methods, HTTPS only, HSTS and the API's security headers added to every
 * answer, API Gateway's own included. No access logs: CloudFront's log lines carry the URL, and a
 * feed URL is a secret.
 */
export class ApiEdge extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Booking API: HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: API_CSP, override: true },
      },
    });
    // https://<id>.execute-api.<region>.amazonaws.com → its host.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Booking API (WAF)',
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // With caching off, the all-viewer policy may forward Authorization (a cached behaviour could not).
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR3', reason: "No access logs: CloudFront's log lines carry each request's URL, and a calendar feed's URL is its secret (issue 17)." });
  }
}
