import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PracticeSettings } from '../../shared/domain/practice-settings';
import { singleLine, singleLineUrl } from '../../shared/domain/text';

/**
 * Everything a practice decides when it deploys, in one typed file (or CDK context `config=<file>`).
 * The practice settings here are the starting values; admins change them later in the console,
 * so they obey the settings' own rules (a value the console could not save back is refused here).
 */
/** A DNS name, lower-cased (IAM's ses:FromAddress condition compares case-sensitively). */
const domainName = z.string().regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})*\.[a-z]{2,}$/i, 'must be a domain name like harbor-light.example').transform((d) => d.toLowerCase());

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
  /** Where alarms are emailed (optional: the SNS topic exists either way). */
  alarmEmail: z.email().check(singleLine).optional(),
  /** An optional custom domain for the API, with an ACM certificate in the same region. */
  customDomain: z.object({ domainName: z.string().min(3).check(singleLine), certificateArn: z.string().startsWith('arn:aws:acm:').check(singleLine) }).optional(),
  throttle: z.object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }).default({ rateLimit: 50, burstLimit: 100 }),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365)]).default(90),
}).superRefine((c, ctx) => {
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
    ...(config.cancellationPolicy ? { cancellationPolicy: config.cancellationPolicy } : {}),
    ...(config.address ? { address: config.address } : {}),
    ...(config.videoUrl ? { videoUrl: config.videoUrl } : {}),
  };
}
