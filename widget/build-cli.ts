import path from 'node:path';
import { buildConsole, buildWidget } from './build';

/** `npm run build:widget`: writes widget/dist/booking-widget.js and the console in widget/dist/console/. */
const dist = path.resolve('widget/dist');
process.stdout.write(`built ${await buildWidget(dist)}\nbuilt ${await buildConsole(dist)}\n`);
