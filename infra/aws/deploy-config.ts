import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_PRACTICE_SETTINGS, PracticeSettings } from '../../shared/domain/practice-settings';
import { singleLine, singleLineUrl } from '../../shared/domain/text';

/**
 * Everything a practice decides when it deploys, in one typed file (or CDK context `config=<file>`).
 * The practice settings here are the starting values; admins change them later in the console,
 * so they obey the settings' own rules (a value the console could not save back is refused here).
 */
/** A DNS name, lower-cased (IAM's ses:FromAddress condition compares case-sensitively). */
const domainName = z.string().regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})*\.[a-z]{2,}$/i, 'must be a domain name like harbor-light.example').transform((d) => d.toLowerCase());

/**
 * Cognito's rules for a prefix domain (`<prefix>.auth.<region>.amazoncognito.com`): lower-case
 * letters, digits and inner hyphens, at most 63 characters, and none of the reserved words.
 */
const COGNITO_RESERVED = /aws|amazon|cognito/;
const domainPrefix = z.string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen')
  .refine((p) => !COGNITO_RESERVED.test(p), 'must not contain "aws", "amazon" or "cognito" (Cognito refuses them)');

/** A URL managed login may send a browser back to: https only (a token in a redirect must not travel in clear), no fragment. */
const callbackUrl = z.string().check(singleLine).refine((u) => {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' && !url.hash && !u.includes('#') && !url.username && !url.password;
  } catch {
    return false;
  }
}, 'must be an absolute https:// URL without a fragment, e.g. https://console.harbor-light.example/console/');

/** How therapists and admins sign in to the console (decision 48). */
const SignInConfig = z.object({
  /** The managed-login domain's prefix; derived from the practice and stack names when absent. */
  domainPrefix: domainPrefix.optional(),
  /** Where else the console is served (a custom domain in front of it): callback and sign-out URLs, and CORS origins. */
  extraCallbackUrls: z.array(callbackUrl).check(z.maxLength(10)).default([]),
  /** `required` makes every sign-in enrol TOTP at its first sign-in (Cognito cannot require it per group: decision 49). */
  mfa: z.enum(['optional', 'required']).default('optional'),
});

/**
 * CloudFront and AWS WAF in front of the HTTP API (decision 144; off by default). The web ACL lives
 * in us-east-1 (CloudFront's requirement), in a stack of its own: deploy it first, then put its
 * `WebAclArn` output here.
 */
const ApiEdgeConfig = z.object({
  enabled: z.boolean().default(false),
  webAclArn: z.string().regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/, 'must be the WebAclArn output of the ApiWaf stack (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)').optional(),
  /** Requests one IP may make in any 5 minutes before WAF answers 429 (WAF's minimum is 10). */
  rateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(1000),
});

export const DeployConfig = z.object({
  practiceName: PracticeSettings.shape.practiceName,
  senderName: z.optional(PracticeSettings.shape.senderName),
  /** The From address of every email: an address at senderDomain (or, without one, verified by itself). */
  senderEmail: PracticeSettings.shape.senderEmail,
  /**
   * The practice's domain, verified with Easy DKIM: the documented default. Without it the address
   * alone is verified, and mail fails DMARC wherever the domain's policy is enforced (decision 35).
   */
  senderDomain: domainName.optional(),
  /** A subdomain of senderDomain for bounces (the envelope sender): SPF then aligns with From too. */
  mailFromDomain: domainName.optional(),
  /** The page of the practice's website where the widget is embedded: manage links point here. */
  bookingPageUrl: singleLineUrl(),
  /** Origins whose pages may call the API (the practice's website). */
  allowedOrigins: PracticeSettings.shape.allowedOrigins.check(z.minLength(1)),
  reminderOffsetsMinutes: z._default(PracticeSettings.shape.reminderOffsetsMinutes, [1440, 120]),
  retentionDays: z._default(PracticeSettings.shape.retentionDays, 30),
  lateCancellationHours: z._default(PracticeSettings.shape.lateCancellationHours, 24),
  lateCancellationMode: z._default(PracticeSettings.shape.lateCancellationMode, 'flag'),
  cancellationPolicy: PracticeSettings.shape.cancellationPolicy,
  address: PracticeSettings.shape.address,
  videoUrl: PracticeSettings.shape.videoUrl,
  /**
   * `always` (the default): a booking holds its slot until each client confirms their address by
   * the emailed link, so nobody can make the practice email "confirmed" to someone else's address.
   */
  verifyClientEmail: z._default(PracticeSettings.shape.verifyClientEmail, DEFAULT_PRACTICE_SETTINGS.verifyClientEmail),
  verificationMinutes: z._default(PracticeSettings.shape.verificationMinutes, DEFAULT_PRACTICE_SETTINGS.verificationMinutes),
  requestHoldHours: z._default(PracticeSettings.shape.requestHoldHours, DEFAULT_PRACTICE_SETTINGS.requestHoldHours),
  /** Where alarms are emailed (optional: the SNS topic exists either way). */
  alarmEmail: z.email().check(singleLine).optional(),
  /** An optional custom domain for the API, with an ACM certificate in the same region. */
  customDomain: z.object({ domainName: z.string().min(3).check(singleLine), certificateArn: z.string().startsWith('arn:aws:acm:').check(singleLine) }).optional(),
  throttle: z.object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }).default({ rateLimit: 50, burstLimit: 100 }),
  signIn: SignInConfig.default({ extraCallbackUrls: [], mfa: 'optional' }),
  apiEdge: ApiEdgeConfig.default({ enabled: false, rateLimitPer5Minutes: 1000 }),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365)]).default(90),
}).superRefine((c, ctx) => {
  if (c.apiEdge.enabled && c.customDomain) {
    ctx.addIssue({ code: 'custom', path: ['apiEdge'], message: 'cannot be used with customDomain yet: the custom domain maps to API Gateway, not to the CloudFront distribution (decision 144)' });
  }
  // What SES would refuse (or send unaligned) after a deploy is refused here, with the field named.
  if (c.mailFromDomain && !c.senderDomain) ctx.addIssue({ code: 'custom', path: ['mailFromDomain'], message: 'needs senderDomain: a custom MAIL FROM belongs to a verified domain' });
  if (c.mailFromDomain && c.senderDomain && !c.mailFromDomain.endsWith(`.${c.senderDomain}`)) {
    ctx.addIssue({ code: 'custom', path: ['mailFromDomain'], message: `must be a subdomain of senderDomain (e.g. mail.${c.senderDomain})` });
  }
  if (c.senderDomain && c.senderEmail.split('@').pop()!.toLowerCase() !== c.senderDomain) {
    ctx.addIssue({ code: 'custom', path: ['senderEmail'], message: `must be an address at senderDomain (…@${c.senderDomain}): only it is DKIM-signed and allowed to send` });
  }
});
export type DeployConfig = z.infer<typeof DeployConfig>;

export class DeployConfigError extends Error {}

/**
 * The managed-login domain prefix when the config names none: practice and stack name, slugged,
 * without Cognito's reserved words (a "Dawson Therapy" must not fail on its "aws"). The same
 * inputs give the same prefix on every deploy; prefixes are unique per region across all of AWS,
 * so a taken one fails the deploy, and `signIn.domainPrefix` is the remedy.
 */
export function signInDomainPrefix(config: Pick<DeployConfig, 'practiceName' | 'signIn'>, stackName: string): string {
  if (config.signIn.domainPrefix) return config.signIn.domainPrefix;
  const slug = (text: string, max: number) => {
    let s = text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    while (COGNITO_RESERVED.test(s)) s = s.replace(COGNITO_RESERVED, '-');
    return s.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, max).replace(/-$/, '');
  };
  const prefix = [slug(config.practiceName, 40), slug(stackName, 22)].filter(Boolean).join('-');
  return prefix || 'practice-sign-in';
}

/** Reads and checks the configuration; every problem is named with its field. */
export function parseDeployConfig(raw: unknown, source: string): DeployConfig {
  const result = DeployConfig.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new DeployConfigError(`The deployment configuration in ${source} is not valid:\n${problems}\nSee infra/aws/config/example.json and the README's Deploy section.`);
}

export function loadDeployConfig(file: string | undefined): DeployConfig {
  if (!file) throw new DeployConfigError('No deployment configuration: pass -c config=<file> (see infra/aws/config/example.json).');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeployConfigError(`Cannot read the deployment configuration ${file}: ${(error as Error).message}`);
  }
  return parseDeployConfig(raw, file);
}

/** The practice settings a fresh deployment starts with (the functions read them from the environment). */
export function initialSettings(config: DeployConfig): PracticeSettings {
  return {
    practiceName: config.practiceName,
    senderName: config.senderName ?? config.practiceName,
    senderEmail: config.senderEmail,
    allowedOrigins: config.allowedOrigins,
    lateCancellationHours: config.lateCancellationHours,
    lateCancellationMode: config.lateCancellationMode,
    reminderOffsetsMinutes: config.reminderOffsetsMinutes,
    retentionDays: config.retentionDays,
    emailsNameSessionType: false,
    verifyClientEmail: config.verifyClientEmail,
    verificationMinutes: config.verificationMinutes,
    requestHoldHours: config.requestHoldHours,
    limits: DEFAULT_PRACTICE_SETTINGS.limits,
    auditRetentionDays: DEFAULT_PRACTICE_SETTINGS.auditRetentionDays,
    ...(config.cancellationPolicy ? { cancellationPolicy: config.cancellationPolicy } : {}),
    ...(config.address ? { address: config.address } : {}),
    ...(config.videoUrl ? { videoUrl: config.videoUrl } : {}),
  };
}
