import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesViewForTherapist } from '../../shared/http/series-view';
import { mySeries } from '../../shared/series/my-series';

export const handler = httpHandler(OPERATIONS.getMySeries, async ({ me, params }, deps) => ({
  body: { series: seriesViewForTherapist(await mySeries(deps, me!, params.id)) },
}));
