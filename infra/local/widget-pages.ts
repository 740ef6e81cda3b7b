import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { apiHeaders, isCspOrigin, NOSNIFF, pageHeaders } from '../../shared/http/security-headers';
import { buildConsole, buildWidget } from '../../widget/build';
import { send } from './http-gateway';

/**
 * The demo practice's website: a page of a fictional practice that embeds the widget the way a
 * practice would, and the widget script itself, built with esbuild when the runtime starts; and the
 * practice console at `/console/`, with a `config.json` that points it at this runtime's API and
 * the local issuer's sign-in page. Every answer carries nosniff; the pages a strict CSP (decision 141):
 * the widget's page may be framed only by `embeddingOrigins()` (the practice's allowed origins), the
 * console by nobody.
 */
export async function widgetPages(rootDir: string, outDir: string, embeddingOrigins: () => Promise<string[]> = async () => []) {
  const script = readFileSync(await buildWidget(outDir, { rootDir }));
  const consoleDir = await buildConsole(outDir, { rootDir });
  const consoleFiles = new Map(
    [['index.html', 'text/html'], ['console.js', 'text/javascript'], ['console.css', 'text/css']].map(([file, type]) => [file!, { type: `${type}; charset=utf-8`, body: readFileSync(path.join(consoleDir, file!)) }]),
  );
  const page = (apiUrl: string) => readFileSync(path.join(rootDir, 'widget/demo/index.html'), 'utf8').replaceAll('{{API_URL}}', apiUrl);
  const demoCss = readFileSync(path.join(rootDir, 'widget/demo/demo.css'));
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
          // The demo page, like a practice's site, loads nothing from anyone else (the API is this origin).
          ...pageHeaders({ frameAncestors: (await embeddingOrigins()).filter(isCspOrigin) }),
        },
        body: Buffer.from(page(`http://${host}`)),
      });
      return true;
    }
    if (url.pathname === '/console') {
      send(response, { statusCode: 301, headers: { location: '/console/', ...NOSNIFF, 'referrer-policy': 'no-referrer' }, body: Buffer.alloc(0) });
      return true;
    }
    if (url.pathname.startsWith('/console/')) {
      const name = url.pathname.slice('/console/'.length) || 'index.html';
      if (name === 'config.json') {
        const config = { apiUrl: `http://${request.headers.host ?? 'localhost'}`, signIn: { kind: 'local', accountsUrl: '/_local/accounts', tokenUrl: '/_local/token' } };
        send(response, { statusCode: 200, headers: apiHeaders({ 'content-type': 'application/json; charset=utf-8' }), body: Buffer.from(JSON.stringify(config)) });
        return true;
      }
      const file = consoleFiles.get(name);
      if (!file) return false;
      send(response, {
        statusCode: 200,
        headers: { 'content-type': file.type, 'cache-control': 'no-cache', ...NOSNIFF, ...(name === 'index.html' ? CONSOLE_PAGE_HEADERS : {}) },
        body: file.body,
      });
      return true;
    }
    if (url.pathname === '/booking-widget.js') {
      send(response, { statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', ...NOSNIFF }, body: script });
      return true;
    }
    if (url.pathname === '/demo.css') {
      send(response, { statusCode: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', ...NOSNIFF }, body: demoCss });
      return true;
    }
    return false;
  };
}

/**
 * The console's page headers, as CloudFront sends them in AWS (with the API's and Cognito's origins
 * in connect-src there): nothing runs but the console's own script, no inline style, no frames.
 */
export const CONSOLE_PAGE_HEADERS = {
  ...pageHeaders({ frameAncestors: 'none' }),
  'x-frame-options': 'DENY',
};
