import type { AddressInfo } from 'node:net';
import type { Context, SQSEvent } from 'aws-lambda';
import { REMINDER_SWEEP } from '../../../events/catalog';
import type { DomainEventEnvelope } from '../../../shared/events/event-publisher';
import { DEPLOYED_LIMITS } from '../../../infra/deployed-limits';
import { DeadLetters } from '../../../infra/local/dead-letters';
import { LocalEventBus } from '../../../infra/local/event-bus';
import type { HandlerSource, LambdaHandler } from '../../../infra/local/handler-loader';
import { createHttpGateway } from '../../../infra/local/http-gateway';
import { ReminderScheduler } from '../../../infra/local/reminder-scheduler';

/*
 * The local runtime runs each function with the timeout and batch size the stack deploys it with
 * (infra/deployed-limits.ts; test/infra/deployed-behaviour.test.ts checks the template reads the
 * same constants). The stream poller's side is test/integration/stream-poller-limits.test.ts.
 */
const source = (handlers: Record<string, LambdaHandler>): HandlerSource => ({
  load: async (file) => handlers[file] ?? Promise.reject(new Error(`no handler ${file}`)),
});
/** The deadline a handler was given, in whole seconds as Lambda's configuration states it. */
const deadlineSeconds = (context: Context) => Math.round(context.getRemainingTimeInMillis() / 1000);

describe('the local gateway', () => {
  test('cuts a handler off at the deployed HTTP timeout with the 500 API Gateway answers', async () => {
    let given = 0;
    const forever: LambdaHandler = (_event, context) => ((given = deadlineSeconds(context)), new Promise(() => {}));
    const server = createHttpGateway({
      routes: [{ operationId: 'listTherapists', method: 'GET', path: '/v1/slow', handler: 'slow.ts', auth: 'none', area: 'public', areaHandler: 'slow.ts' }],
      loader: source({ 'slow.ts': forever }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/slow`);
      const elapsed = (Date.now() - started) / 1000;
      expect(given).toBe(DEPLOYED_LIMITS.httpFunctionTimeoutSeconds);
      expect(elapsed).toBeGreaterThanOrEqual(DEPLOYED_LIMITS.httpFunctionTimeoutSeconds - 0.1);
      expect(elapsed).toBeLessThan(DEPLOYED_LIMITS.httpFunctionTimeoutSeconds + 3);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      // API Gateway's own answer, with the security headers CloudFront adds in front of it (decision 144).
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, (DEPLOYED_LIMITS.httpFunctionTimeoutSeconds + 10) * 1000);
});

describe('the local bus', () => {
  const envelope = (i: number): DomainEventEnvelope =>
    ({ id: `e${i}`, type: 'reminder.due', version: 1, occurredAt: '2031-01-01T00:00:00Z', data: { bookingId: `b${i}` } }) as unknown as DomainEventEnvelope;
  const consumer = { name: 'send-reminder', handler: 'consumer.ts', events: ['reminder.due' as const] };

  test('hands a consumer up to the deployed batch size of records at once, with the deployed timeout', async () => {
    const batches: number[] = [];
    const deadlines = new Set<number>();
    const handler: LambdaHandler = async (event: SQSEvent, context) => {
      batches.push(event.Records.length);
      deadlines.add(deadlineSeconds(context));
      return { batchItemFailures: [] };
    };
    const bus = new LocalEventBus(source({ 'consumer.ts': handler }), new DeadLetters(), { maxAttempts: 3, firstDelayMs: 10, maxDelayMs: 10 }, [consumer]);
    const count = 2 * DEPLOYED_LIMITS.consumerBatchSize + 2;
    await bus.publish(Array.from({ length: count }, (_, i) => envelope(i)));
    await bus.idle();
    expect(batches.sort((a, b) => b - a)).toEqual([DEPLOYED_LIMITS.consumerBatchSize, DEPLOYED_LIMITS.consumerBatchSize, 2]);
    expect([...deadlines]).toEqual([DEPLOYED_LIMITS.consumerTimeoutSeconds]);
  });

  test('redelivers only the records a batch reported as failed', async () => {
    const seen: string[][] = [];
    const handler: LambdaHandler = async (event: SQSEvent) => {
      const ids = event.Records.map((r) => JSON.parse(r.body).detail.id as string);
      seen.push(ids);
      // e1 fails on its first delivery only.
      const failures = event.Records.filter((r) => JSON.parse(r.body).detail.id === 'e1' && r.attributes.ApproximateReceiveCount === '1');
      return { batchItemFailures: failures.map((r) => ({ itemIdentifier: r.messageId })) };
    };
    const deadLetters = new DeadLetters();
    const bus = new LocalEventBus(source({ 'consumer.ts': handler }), deadLetters, { maxAttempts: 3, firstDelayMs: 10, maxDelayMs: 10 }, [consumer]);
    await bus.publish([envelope(0), envelope(1), envelope(2)]);
    await bus.idle();
    expect(seen).toEqual([['e0', 'e1', 'e2'], ['e1']]);
    expect(bus.delivered).toBe(4);
    expect(deadLetters.list()).toEqual([]);
  });
});

test('the local reminder sweep runs with the deployed sweep timeout', async () => {
  let given = 0;
  const sweep: LambdaHandler = async (_event, context) => void (given = deadlineSeconds(context));
  await new ReminderScheduler(source({ [REMINDER_SWEEP.handler]: sweep })).runOnce();
  expect(given).toBe(DEPLOYED_LIMITS.sweepTimeoutSeconds);
});
