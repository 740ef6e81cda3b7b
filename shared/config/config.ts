/**
 * Configuration every function reads from its environment. In AWS the CDK stack sets these from
 * one place; locally infra/local/start.ts sets them before the first handler runs.
 */
export interface AppConfig {
  tableName: string;
  region: string;
  /** Only set locally (DynamoDB Local). */
  dynamoDbEndpoint?: string;
  /** HMAC key for manage tokens (base64 or any long random string). */
  manageTokenSecret: string;
  /** How long after a session ends its manage link keeps working. */
  manageTokenGraceHours: number;
  /** Where the widget lives: manage links in emails point here. */
  publicBaseUrl: string;
  /** Origins whose browsers may call the public API. */
  allowedOrigins: string[];
  /** The EventBridge bus events go to (AWS); locally the in-process bus replaces the publisher. */
  eventBusName?: string;
  /** Only set locally (aws-ses-v2-local). */
  sesEndpoint?: string;
  sesConfigurationSet?: string;
  /** The Cognito user pool of therapists and admins (AWS); unset locally. */
  userPoolId?: string;
  /** The API's public base URL, when behind a custom domain; otherwise taken from the request. */
  apiBaseUrl?: string;
  /** The therapists' console (a request's email links to it); unset: `/console/` beside the booking page. */
  consoleUrl?: string;
  /** The KMS key calendar passwords are sealed with (AWS, issue 15). */
  calendarKmsKeyId?: string;
  /** Locally, instead: a 32-byte AES key in base64, kept in the data folder like the manage-token secret. */
  calendarSecretKey?: string;
  /** The local runtime only: a calendar URL may be plain http to this machine (a test's or a developer's own server). */
  calendarAllowLoopbackHttp: boolean;
}

export class ConfigurationError extends Error {}

/**
 * ALLOWED_ORIGINS where it is set (the local runtime); otherwise the origins of the deployed
 * settings, where the stack puts them once rather than twice (Lambda's environment is 4 KB).
 */
function allowedOriginsOf(env: NodeJS.ProcessEnv): string[] {
  if (env.ALLOWED_ORIGINS) return env.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  try {
    const origins = (JSON.parse(env.PRACTICE_SETTINGS_DEFAULTS ?? '{}') as { allowedOrigins?: unknown }).allowedOrigins;
    return Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new ConfigurationError(`Missing required environment variable ${name}`);
    return value;
  };
  const config: AppConfig = {
    tableName: required('TABLE_NAME'),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    dynamoDbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    manageTokenSecret: '',
    manageTokenGraceHours: Number(env.MANAGE_TOKEN_GRACE_HOURS ?? 24),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    allowedOrigins: allowedOriginsOf(env),
    eventBusName: env.EVENT_BUS_NAME || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    sesConfigurationSet: env.SES_CONFIGURATION_SET || undefined,
    userPoolId: env.COGNITO_USER_POOL_ID || undefined,
    apiBaseUrl: env.API_BASE_URL?.replace(/\/$/, '') || undefined,
    consoleUrl: env.CONSOLE_URL || undefined,
    calendarKmsKeyId: env.CALENDAR_KMS_KEY_ID || undefined,
    calendarSecretKey: env.CALENDAR_SECRET_KEY || undefined,
    calendarAllowLoopbackHttp: env.CALENDAR_ALLOW_LOOPBACK_HTTP === '1',
  };
  // Read when first used: in AWS the secret arrives from Secrets Manager after start-up (see
  // secrets.ts), and only the functions that sign or check tokens are given it.
  Object.defineProperty(config, 'manageTokenSecret', {
    enumerable: true,
    get(): string {
      const secret = env.MANAGE_TOKEN_SECRET;
      if (!secret) throw new ConfigurationError('MANAGE_TOKEN_SECRET is not configured for this function');
      if (secret.length < 32) throw new ConfigurationError('MANAGE_TOKEN_SECRET must be at least 32 characters');
      return secret;
    },
  });
  return config;
}
