import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesViewForTherapist } from '../../shared/http/series-view';
import { listSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.listMySeries, async ({ me }, deps) => ({
  body: { series: (await listSeries(deps, me!.id)).map(seriesViewForTherapist) },
}));
