import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing, LoggingFormat } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

/** How every handler is bundled: shared with the smoke test that loads each bundle in Node. */
export const HANDLER_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  // The Node.js 22 runtime ships the AWS SDK v3; CommonJS dependencies still need `require`.
  externalModules: ['@aws-sdk/*'],
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
 * esbuild (no Docker), source maps, X-Ray tracing, JSON logs in a log group of its own with a
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
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: { ...HANDLER_BUNDLING, mainFields: [...HANDLER_BUNDLING.mainFields], externalModules: [...HANDLER_BUNDLING.externalModules], forceDockerBundling: false },
    };
    super(scope, id, options);
  }
}
