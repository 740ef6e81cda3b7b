import { actorOf } from '../../shared/audit/audit-log';
import { validationFailed } from '../../shared/errors/domain-errors';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesViewForTherapist } from '../../shared/http/series-view';
import { checkSeriesEnd } from '../../shared/series/my-series';
import { createSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.createMySeries, async ({ principal, me, body, headers }, deps) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw validationFailed('The Idempotency-Key header is not valid.', [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  checkSeriesEnd(body);
  const { everyWeeks, ...rest } = body;
  const { series } = await createSeries(deps, { ...rest, therapistId: me!.id, everyWeeks: everyWeeks as 1 | 2 | 3 | 4, by: 'therapist' }, idempotencyKey, {
    audited: { log: deps.audit, actor: actorOf(principal) },
  });
  return { status: 201, body: { series: seriesViewForTherapist(series) } };
});
