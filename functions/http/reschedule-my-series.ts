import { audit } from '../../shared/audit/audited';
import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesLocalTime, seriesViewForTherapist } from '../../shared/http/series-view';
import { mySeries } from '../../shared/series/my-series';
import { rescheduleSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.rescheduleMySeries, async ({ principal, me, params, body }, deps) => {
  const owned = await mySeries(deps, me!, params.id);
  const { series, notMoved } = await rescheduleSeries(deps, owned.id, body.from, body.start, audit(deps.audit, actorOf(principal), 'series.change', owned.id));
  return {
    body: {
      series: seriesViewForTherapist(series),
      notMoved: notMoved.map((n) => ({ bookingId: n.bookingId, start: seriesLocalTime(series, n.start), reason: n.reason })),
    },
  };
});
