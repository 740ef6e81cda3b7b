import { apiBaseUrl } from '../../shared/http/api-base-url';
import { httpHandler } from '../../shared/http/http-handler';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { OPERATIONS } from '../../shared/http/operations';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(OPERATIONS.getOpenApi, async ({ event }, deps) => {
  document ??= buildOpenApiDocument(Object.values(OPERATIONS), { title: 'Practice booking API', version: '1.0.0' });
  // The base URL the API was reached at: the gateway's origin locally, the API endpoint in AWS.
  return { body: { ...document, servers: [{ url: apiBaseUrl(deps.config, event) }] }, headers: { 'cache-control': 'public, max-age=300' } };
});
