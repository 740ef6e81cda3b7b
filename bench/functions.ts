import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BookingFunction } from '../infra/aws/constructs/booking-function';
import { FunctionFactory } from '../infra/aws/constructs/function-factory';
import { parseDeployConfig } from '../infra/aws/deploy-config';
import type { FunctionNeeds } from '../infra/aws/function-needs';
import { createPracticeApp } from '../infra/aws/practice-app';
import { readFileSync } from 'node:fs';

export interface DeployedFunction {
  /** The construct id (e.g. PublicArea, SendReminder). */
  id: string;
  /** Handler source, relative to the repository root. */
  handler: string;
  needs: FunctionNeeds;
  /** NODE_OPTIONS as the stack sets it (e.g. --enable-source-maps): the import is timed with it. */
  nodeOptions: string;
}

/**
 * What the stack deploys, read from the stack itself: it is built (not synthesized, no bundling) with
 * the example configuration while every call of FunctionFactory.make is recorded. That is the one
 * door every function goes through; if it stops being, the count check below says so.
 */
export function deployedFunctions(rootDir = process.cwd()): DeployedFunction[] {
  const made: Omit<DeployedFunction, 'nodeOptions'>[] = [];
  const make = FunctionFactory.prototype.make;
  FunctionFactory.prototype.make = function (this: FunctionFactory, scope, id, handler, needs, timeout) {
    made.push({ id, handler, needs });
    return make.call(this, scope, id, handler, needs, timeout);
  };
  try {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'bench-stack-'));
    const widgetDir = path.join(outdir, 'widget');
    mkdirSync(widgetDir);
    writeFileSync(path.join(widgetDir, 'booking-widget.js'), '/* bench */');
    const consoleDir = path.join(outdir, 'console');
    mkdirSync(consoleDir);
    writeFileSync(path.join(consoleDir, 'index.html'), '<!-- bench -->');
    const config = parseDeployConfig(JSON.parse(readFileSync(path.join(rootDir, 'infra/aws/config/example.json'), 'utf8')), 'example.json');
    const { stack } = createPracticeApp({ config, rootDir, widgetDir, consoleDir, appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [], 'cli-telemetry': false } } });
    const functions = stack.node.findAll().filter((c): c is BookingFunction => c instanceof BookingFunction);
    if (functions.length !== made.length || made.length === 0) {
      throw new Error(`the stack has ${functions.length} booking functions but FunctionFactory.make made ${made.length}: bench/functions.ts must learn the new way functions are made`);
    }
    return made.map((m) => {
      const fn = functions.find((f) => f.node.id === m.id)!;
      const env = (Stack.of(fn).resolve((fn.node.defaultChild as CfnFunction).environment) as { variables?: Record<string, unknown> } | undefined)?.variables ?? {};
      return { ...m, nodeOptions: typeof env.NODE_OPTIONS === 'string' ? env.NODE_OPTIONS : '' };
    });
  } finally {
    FunctionFactory.prototype.make = make;
  }
}

/**
 * The AWS SDK clients a function's needs call for: its floor imports and constructs only these.
 * Derived from the needs, so a function that gains a need gains its client in the floor too.
 */
export function sdkClientsFor(needs: FunctionNeeds): string[] {
  return [
    ...(needs.table !== 'none' ? ['dynamodb'] : []),
    ...(needs.sendEmail ? ['sesv2'] : []),
    ...(needs.publishEvents ? ['eventbridge'] : []),
    ...(needs.cognito?.length ? ['cognito'] : []),
    ...(needs.manageTokenSecret ? ['secrets-manager'] : []),
    ...(needs.calendarKey?.length ? ['kms'] : []),
  ];
}

/** The source of a floor bundle: the clients imported and constructed at module load, as a function would. */
export const FLOOR_CLIENT_SOURCE: Record<string, string> = {
  dynamodb: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nclients.push(DynamoDBDocumentClient.from(new DynamoDBClient({})));",
  sesv2: "import { SESv2Client } from '@aws-sdk/client-sesv2';\nclients.push(new SESv2Client({}));",
  eventbridge: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';\nclients.push(new EventBridgeClient({}));",
  cognito: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';\nclients.push(new CognitoIdentityProviderClient({}));",
  'secrets-manager': "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\nclients.push(new SecretsManagerClient({}));",
  kms: "import { KMSClient } from '@aws-sdk/client-kms';\nclients.push(new KMSClient({}));",
};

export function floorSource(clients: string[]): string {
  const imports = clients.map((c) => FLOOR_CLIENT_SOURCE[c]!.split('\n').filter((l) => l.startsWith('import')).join('\n')).join('\n');
  const uses = clients.map((c) => FLOOR_CLIENT_SOURCE[c]!.split('\n').filter((l) => !l.startsWith('import')).join('\n')).join('\n');
  return `${imports}\nconst clients = [];\n${uses}\nexport const handler = async () => clients.length;\n`;
}
