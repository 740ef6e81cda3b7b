import path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing, LoggingFormat, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

/** How every handler is bundled: shared with the smoke test that loads each bundle in Node. */
export const HANDLER_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  // Built and shipped beside the bundle, to read a minified stack trace with; not loaded at a cold
  // start (`--enable-source-maps` parsed a 4 MB map on every cold start: decision 43).
  sourceMap: true,
  // ESM entry points first, so esbuild can tree-shake the AWS SDK (and others) it bundles.
  mainFields: ['module', 'main'],
  // Nothing external: the AWS SDK is bundled, tree-shaken, at the version the tests ran with. The
  // runtime's own copy loads from disk file by file, slower (decision 43). CommonJS dependencies
  // still need `require`.
  externalModules: [],
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

export interface BookingFunctionProps {
  /** Handler source relative to the repository root, as the route table and catalog name it. */
  handler: string;
  rootDir: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  memorySize?: number;
  timeout?: Duration;
}

/**
 * Every function's defaults in one place: Node.js 22 on arm64, bundled and minified with the local
 * esbuild (no Docker) with the AWS SDK inside, a source map beside it (not loaded), X-Ray tracing, JSON logs in a log group of its own with a
 * retention, and the one environment the stack computes.
 */
export class BookingFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: BookingFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const options: NodejsFunctionProps = {
      entry: path.join(props.rootDir, props.handler),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(DEPLOYED_LIMITS.httpFunctionTimeoutSeconds),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: props.rootDir,
      depsLockFilePath: path.join(props.rootDir, 'package-lock.json'),
      environment: props.environment,
      bundling: { ...HANDLER_BUNDLING, mainFields: [...HANDLER_BUNDLING.mainFields], externalModules: [...HANDLER_BUNDLING.externalModules], forceDockerBundling: false },
    };
    super(scope, id, options);
    this.node.addValidation({ validate: () => environmentSizeProblems(this) });
  }
}

/** Lambda refuses a function whose environment variables, keys and values together, exceed 4 KB. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;
/**
 * What a name or ARN CloudFormation fills in at deployment may take (a generated table or bus
 * name is `<stack>-<logical id>-<suffix>`; the secret's ARN about 100 bytes): a bound, so the
 * check refuses what might not fit rather than what surely does not.
 */
export const DEPLOY_TIME_VALUE_BYTES = 160;

function bytesOf(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (join) return join[1].reduce<number>((n, part) => n + bytesOf(part), 0) + Buffer.byteLength(join[0]) * Math.max(0, join[1].length - 1);
  return DEPLOY_TIME_VALUE_BYTES; // Ref, Fn::GetAtt: resolved by CloudFormation
}

/** The fields of a JSON value, largest first: what to shorten. */
function largestFields(value: string): string {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return '';
    const fields = Object.entries(parsed).map(([key, v]) => [key, Buffer.byteLength(JSON.stringify(v))] as const).sort((a, b) => b[1] - a[1]);
    return ` (${fields.slice(0, 3).map(([key, n]) => `${key} ${n}`).join(', ')})`;
  } catch {
    return '';
  }
}

/**
 * The function's environment as deployed, estimated at synthesis: a configuration that would make
 * the deployment fail (long settings text, many origins) stops here, saying what to shorten.
 */
export function environmentSizeProblems(fn: BookingFunction): string[] {
  const cfn = fn.node.defaultChild as CfnFunction;
  const resolved = Stack.of(fn).resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
  const variables = Object.entries(resolved?.variables ?? {});
  const sizes = variables.map(([key, value]) => ({ key, value, bytes: Buffer.byteLength(key) + bytesOf(value) })).sort((a, b) => b.bytes - a.bytes);
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  if (total <= LAMBDA_ENVIRONMENT_LIMIT_BYTES) return [];
  const largest = sizes.slice(0, 3).map((s) => `${s.key} ${s.bytes}${typeof s.value === 'string' ? largestFields(s.value) : ''}`).join('; ');
  return [
    `the environment of ${fn.node.id} may reach ${total} of Lambda's ${LAMBDA_ENVIRONMENT_LIMIT_BYTES} bytes ` +
    `(keys and values; names CloudFormation fills in counted at ${DEPLOY_TIME_VALUE_BYTES} bytes each), and the deployment would fail. ` +
    `Largest: ${largest}. Shorten cancellationPolicy, address or allowedOrigins in the deployment configuration, ` +
    'or leave them out there and set them in the console once deployed (settings are saved in the table, not the environment).',
  ];
}
