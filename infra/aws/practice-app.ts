import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeployConfig } from './deploy-config';
import { ApiWafStack } from './constructs/api-edge';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { PracticeBookingStack } from './practice-booking-stack';

export interface PracticeAppOptions {
  config: DeployConfig;
  rootDir: string;
  widgetDir: string;
  /** Folder with the built console (index.html, console.js, console.css). */
  consoleDir: string;
  stackName?: string;
  /** An app made by the caller (the CLI entry reads its context first); otherwise one is made. */
  app?: App;
  appProps?: AppProps;
}

/** The app as `cdk synth` and the infra tests build it: the stack, cdk-nag AwsSolutions, the acknowledgements. */
export function createPracticeApp(options: PracticeAppOptions): { app: App; stack: PracticeBookingStack; waf?: ApiWafStack } {
  const app = options.app ?? new App(options.appProps);
  const stack = new PracticeBookingStack(app, options.stackName ?? 'PracticeBooking', {
    config: options.config,
    rootDir: options.rootDir,
    widgetDir: options.widgetDir,
    consoleDir: options.consoleDir,
    description: `Appointment booking for ${options.config.practiceName}`,
  });
  Tags.of(stack).add('application', 'practice-booking');
  acknowledgeNagFindings(stack);
  // The API's web ACL, in us-east-1 whatever the main stack's region (decision 144): deployed on its own, first.
  const waf = options.config.apiEdge.enabled
    ? new ApiWafStack(app, `${stack.stackName}ApiWaf`, { rateLimitPer5Minutes: options.config.apiEdge.rateLimitPer5Minutes, description: `Web ACL of ${options.config.practiceName}'s booking API (CloudFront, us-east-1)` })
    : undefined;
  if (waf) Tags.of(waf).add('application', 'practice-booking');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, ...(waf ? { waf } : {}) };
}
