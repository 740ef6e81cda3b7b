import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesAccess } from '../../shared/http/series-access';
import { seriesViewForClient } from '../../shared/http/series-view';

export const handler = httpHandler(OPERATIONS.getSeries, async ({ params, event }, deps) => {
  const { series, client } = await seriesAccess(deps, event, params.seriesId);
  return { body: { series: seriesViewForClient(series, client) } };
});
