import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { parseDeployConfig, type DeployConfig } from '../../infra/aws/deploy-config';
import { createPracticeApp } from '../../infra/aws/practice-app';

export const exampleConfig = (): DeployConfig => parseDeployConfig(JSON.parse(readFileSync('infra/aws/config/example.json', 'utf8')), 'example.json');

/**
 * Synthesizes the app as `cdk synth` does, but without bundling (the bundles are checked by the
 * handler smoke test) and into a temporary folder. cdk-nag runs as a validation plugin: an
 * unacknowledged finding makes synthesis throw.
 */
export function synthesize(config: DeployConfig = exampleConfig()) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'cdk-test-'));
  const widgetDir = path.join(outdir, 'widget');
  mkdirSync(widgetDir);
  writeFileSync(path.join(widgetDir, 'booking-widget.js'), '/* test */');
  const { app, stack } = createPracticeApp({
    config,
    rootDir: process.cwd(),
    widgetDir,
    appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [], 'cli-telemetry': false } },
  });
  const assembly = app.synth();
  return { stack, template: Template.fromStack(stack), assembly };
}
