import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeployConfig } from './deploy-config';
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
export function createPracticeApp(options: PracticeAppOptions): { app: App; stack: PracticeBookingStack } {
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
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
