import path from 'node:path';
import { buildWidget } from './build';

/** `npm run build:widget`: writes widget/dist/booking-widget.js. */
const out = await buildWidget(path.resolve('widget/dist'));
process.stdout.write(`built ${out}\n`);
