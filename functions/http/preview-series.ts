import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { previewSeries } from '../../shared/series/series-preview';

export const handler = httpHandler(OPERATIONS.previewSeries, async ({ params, query }, deps) => ({
  body: await previewSeries(deps, { therapistId: params.therapistId, ...query, everyWeeks: Number(query.everyWeeks), count: Number(query.count) }),
}));
