import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesLocalTime, seriesViewForTherapist } from '../../shared/http/series-view';
import { mySeries } from '../../shared/series/my-series';
import { rescheduleSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.rescheduleMySeries, async ({ me, params, body }, deps) => {
  const owned = await mySeries(deps, me!, params.id);
  const { series, notMoved } = await rescheduleSeries(deps, owned.id, body.from, body.start);
  return {
    body: {
      series: seriesViewForTherapist(series),
      notMoved: notMoved.map((n) => ({ bookingId: n.bookingId, start: seriesLocalTime(series, n.start), reason: n.reason })),
    },
  };
});
