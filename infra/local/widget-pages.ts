import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buildWidget } from '../../widget/build';
import { send } from './http-gateway';

/**
 * The demo practice's website: a page of a fictional practice that embeds the widget the way a
 * practice would, and the widget script itself, built with esbuild when the runtime starts.
 */
export async function widgetPages(rootDir: string, outDir: string) {
  const script = readFileSync(await buildWidget(outDir, { rootDir }));
  const page = (apiUrl: string) => readFileSync(path.join(rootDir, 'widget/demo/index.html'), 'utf8').replaceAll('{{API_URL}}', apiUrl);
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const host = request.headers.host ?? 'localhost';
      send(response, {
        statusCode: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          // The demo page, like a practice's site, loads nothing from anyone else.
          'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
          'referrer-policy': 'no-referrer',
        },
        body: Buffer.from(page(`http://${host}`)),
      });
      return true;
    }
    if (url.pathname === '/booking-widget.js') {
      send(response, { statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }, body: script });
      return true;
    }
    return false;
  };
}
