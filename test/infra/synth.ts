import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BookingFunction } from '../../infra/aws/constructs/booking-function';
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
  const consoleDir = path.join(outdir, 'console');
  mkdirSync(consoleDir);
  for (const file of ['index.html', 'console.js', 'console.css']) writeFileSync(path.join(consoleDir, file), '/* test */');
  const { app, stack, waf } = createPracticeApp({
    config,
    rootDir: process.cwd(),
    widgetDir,
    consoleDir,
    appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [], 'cli-telemetry': false } },
  });
  const assembly = app.synth();
  return { stack, template: Template.fromStack(stack), assembly, ...(waf ? { waf: Template.fromStack(waf), wafStack: waf } : {}) };
}

export type Resource = { Type: string; Properties: Record<string, any> };

/** Lookups into the stack a test file synthesized (read when called: tests synthesize in beforeAll). */
export function stackLookups(synthesized: () => { template: Template; stack: Stack }) {
  return {
    resources: (type: string) => Object.entries(synthesized().template.findResources(type)) as [string, Resource][],
    /** A booking function's logical id, by its construct id (wherever the construct sits in the tree). */
    functionLogicalId: (id: string) => {
      const { stack } = synthesized();
      const fn = stack.node.findAll().find((c) => c instanceof BookingFunction && c.node.id === id);
      return fn ? stack.getLogicalId(fn.node.defaultChild as CfnElement) : undefined;
    },
  };
}

export const camel = (name: string) => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
