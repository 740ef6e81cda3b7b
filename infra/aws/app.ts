import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildConsole, buildWidget } from '../../widget/build';
import { loadDeployConfig } from './deploy-config';
import { createPracticeApp } from './practice-app';

/**
 * The CDK app: `npx cdk deploy -c config=<file>` (or `npm run synth` with the example config).
 * Synthesis needs no AWS account: no lookups, the widget built here with the local esbuild.
 */
const rootDir = path.resolve(import.meta.dirname, '..', '..');
const app = new App();
const configFile = app.node.tryGetContext('config') as string | undefined;
const config = loadDeployConfig(configFile ? path.resolve(configFile) : undefined);
// Its own folder: a local runtime building the widget at the same time must not race this build.
const widgetDir = path.join(rootDir, 'widget', 'dist', 'cdk');
await buildWidget(widgetDir, { rootDir });
// Beside the widget's, not inside it: each folder is one deployment's source.
const consoleDir = await buildConsole(path.join(rootDir, 'widget', 'dist', 'cdk-console'), { rootDir });
const stackName = app.node.tryGetContext('stackName') as string | undefined;
createPracticeApp({ app, config, rootDir, widgetDir, consoleDir, ...(stackName ? { stackName } : {}) });
