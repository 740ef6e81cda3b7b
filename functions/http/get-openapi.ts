import { httpHandler } from '../../shared/http/http-handler';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { OPERATIONS } from '../../shared/http/operations';

let document: unknown;

export const handler = httpHandler(OPERATIONS.getOpenApi, async () => {
  document ??= buildOpenApiDocument(Object.values(OPERATIONS), { title: 'Practice booking API', version: '1.0.0' });
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
