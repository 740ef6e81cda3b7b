import { Duration, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods, CachePolicy, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy, ViewerProtocolPolicy, type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONSOLE_REWRITE_SOURCE } from '../console-rewrite';
import { WIDGET_CACHE_CONTROL, type WidgetHosting } from './widget-hosting';

/** What the console reads from `/console/config.json` to find the API and how to sign in. */
export interface ConsoleConfigJson {
  apiUrl: string;
  signIn: { kind: 'cognito'; domain: string; clientId: string; redirectUri: string; logoutUri: string; region: string; mfa: 'optional' | 'required'; issuer: string };
}

export interface ConsoleHostingProps {
  widget: WidgetHosting;
  /** Folder holding the built console (index.html, console.js, console.css). */
  consoleDir: string;
  /** The API's base URL, without a trailing slash (the custom domain's when there is one). */
  apiUrl: string;
  /**
   * The origin the CSP lets the console call the API at. The API's own origin cannot be named
   * without a dependency cycle (API → CORS → this distribution → CSP → API): a custom domain
   * names it exactly, the execute-api host pattern of the region otherwise (decision 48).
   */
  apiOriginForCsp: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  signInDomainUrl: string;
  clientId: string;
  /** The pool's MFA setting: the console offers turning TOTP off only when it is optional. */
  mfa: 'optional' | 'required';
  /** What authenticator apps list the sign-in as: the practice's sender name or "Practice console". */
  totpIssuer: string;
}

/**
 * The page only: index.html and config.json must reach a browser at once after a deploy (they
 * name the script and the sign-in), so they are revalidated every time; an unchanged one costs a 304.
 */
export const CONSOLE_PAGE_CACHE_CONTROL = 'no-cache';

/**
 * The console's Content-Security-Policy: its own files, the API, the sign-in domain, and Cognito's
 * user API (two-step sign-in's enrolment); nothing else.
 */
export function consoleCsp(apiOrigin: string, signInDomainUrl: string, userApiOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigin} ${signInDomainUrl} ${userApiOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action ${signInDomainUrl} 'self'`,
  ].join('; ');
}

/**
 * The therapists' and admins' console under `/console/` of the widget's bucket and distribution:
 * its own behaviour (strict CSP and security headers, the index rewrite), its files, and the
 * `config.json` written at deploy time with the API's URL and the sign-in's client.
 */
export class ConsoleHosting extends Construct {
  /** `https://<cdn>/console/` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const { widget } = props;
    this.url = ConsoleHosting.urlOf(widget);

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Practice console: strict CSP, HSTS, nosniff, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(props.apiOriginForCsp, props.signInDomainUrl, ConsoleHosting.userApiOrigin(this)), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
        contentTypeOptions: { override: true },
        // The page's URL carries the sign-in's code for a moment: it is sent to nobody.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });
    const rewrite = new CloudFrontFunction(this, 'IndexRewrite', {
      comment: 'Console: /console/ -> /console/index.html, /console -> /console/',
      code: FunctionCode.fromInline(CONSOLE_REWRITE_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const behaviour: BehaviorOptions = {
      origin: widget.origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    widget.distribution.addBehavior('/console/*', widget.origin, behaviour);
    widget.distribution.addBehavior('/console', widget.origin, behaviour);

    // Three deployments into one bucket, none pruning: deploying one never deletes another's files.
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(props.consoleDir)],
      destinationBucket: widget.bucket,
      destinationKeyPrefix: 'console/',
      exclude: ['index.html', 'config.json'],
      prune: false,
      cacheControl: [CacheControl.fromString(WIDGET_CACHE_CONTROL)],
      memoryLimit: 256,
    });
    const config: ConsoleConfigJson = {
      apiUrl: props.apiUrl,
      signIn: {
        kind: 'cognito', domain: props.signInDomainUrl, clientId: props.clientId, redirectUri: this.url, logoutUri: this.url,
        region: Stack.of(this).region, mfa: props.mfa, issuer: props.totpIssuer,
      },
    };
    const page = new BucketDeployment(this, 'Page', {
      sources: [Source.asset(props.consoleDir), Source.jsonData('config.json', config)],
      destinationBucket: widget.bucket,
      destinationKeyPrefix: 'console/',
      exclude: ['*'],
      include: ['index.html', 'config.json'],
      prune: false,
      cacheControl: [CacheControl.fromString(CONSOLE_PAGE_CACHE_CONTROL)],
      distribution: widget.distribution,
      distributionPaths: ['/console/*', '/console'],
      memoryLimit: 256,
    });
    // The page names the script: it goes up once the script is there.
    page.node.addDependency(assets);
  }

  /** `https://<cdn>/console/`, known before the construct exists (the sign-in's callback URLs need it). */
  static urlOf(widget: WidgetHosting): string {
    return `https://${widget.distribution.distributionDomainName}/console/`;
  }

  /** Cognito's user API in the stack's region, as the console builds it from config.json's `region`. */
  static userApiOrigin(scope: Construct): string {
    return `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com`;
  }

  /** The execute-api host pattern of the stack's region: what the CSP names when the API has no custom domain. */
  static executeApiPattern(scope: Construct): string {
    const stack = Stack.of(scope);
    return `https://*.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
