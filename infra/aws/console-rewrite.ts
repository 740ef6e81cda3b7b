/**
 * The CloudFront Function (JavaScript runtime 2.0, viewer request) in front of the console's
 * files. An S3 REST origin has no index documents: `/console/` would be a missing key, so it is
 * rewritten to `/console/index.html` (AWS's "add index.html to request URLs without a file name"
 * example, limited to the console's own directory). `/console` is redirected to `/console/`
 * rather than rewritten, so the page's relative URLs (console.js, config.json) resolve under it.
 * The query string (`?code=…&state=…` back from sign-in) passes through the rewrite unchanged.
 * Kept as source text so a unit test can run it as CloudFront would.
 */
export const CONSOLE_REWRITE_SOURCE = `async function handler(event) {
  var request = event.request;
  if (request.uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' }, 'cache-control': { value: 'max-age=3600' } } };
  }
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`;
