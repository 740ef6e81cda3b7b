import path from 'node:path';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWidget } from '../../widget/build';
import { loadDeployConfig } from './deploy-config';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { PracticeBookingStack } from './practice-booking-stack';

/**
 * The CDK app: `npx cdk deploy -c config=<file>` (or `npm run synth` with the example config).
 * Synthesis needs no AWS account: no lookups, the widget built here with the local esbuild.
 */
const rootDir = path.resolve(import.meta.dirname, '..', '..');
const app = new App();
const configFile = app.node.tryGetContext('config') as string | undefined;
const config = loadDeployConfig(configFile ? path.resolve(configFile) : undefined);
const widgetDir = path.join(rootDir, 'widget', 'dist');
await buildWidget(widgetDir, { rootDir });

const stack = new PracticeBookingStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'PracticeBooking', {
  config,
  rootDir,
  widgetDir,
  description: `Appointment booking for ${config.practiceName}`,
});
Tags.of(stack).add('application', 'practice-booking');
acknowledgeNagFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
