import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CALENDAR_SYNC, HOLD_SWEEP, SERIES_EXTENSION, STREAM_PUBLISHER } from '../../events/catalog';
import { Slug } from '../../shared/domain/therapist';
import type { TherapistRepository } from '../../shared/store/therapist-repository';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
// The local runtime hosts every function in one process, and seeds and inspects through them all.
import '../../shared/runtime/everything';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import { ROUTES } from '../routes';
import { ensureTable } from './create-table';
import { DeadLetters } from './dead-letters';
import { DEMO_THERAPIST, seedDemoPractice } from './demo-practice';
import { startDynamoDbLocal } from './dynamodb-local';
import { DEFAULT_RETRY, LocalEventBus, type RetryPolicy } from './event-bus';
import { HandlerLoader } from './handler-loader';
import { apiHeaders } from '../../shared/http/security-headers';
import { createHttpGateway, errorReply, send } from './http-gateway';
import { EMAIL_FEEDBACK_HANDLER, SentMessages, sesFeedbackEvent, type FeedbackKind } from './email-feedback';
import { invokeWithTimeout } from './invoke';
import { createJwtAuthorizer } from './jwt-authorizer';
import { LOCAL_AUDIENCE, LocalIssuer } from './local-issuer';
import { loadLocalSecrets } from './local-secrets';
import { everyVirtualMinutes, oncePerVirtualDay, ReminderScheduler } from './reminder-scheduler';
import { settle, type SettleResult } from './settle';
import { startLocalSes } from './ses-server';
import { StreamPoller } from './stream-poller';
import { VirtualClock } from './virtual-clock';
import { widgetPages } from './widget-pages';

export interface LocalRuntimeOptions {
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  /** Keep data here; undefined runs in memory. */
  dataDir?: string;
  seed: boolean;
  now?: Date;
  /** Repository root (handler paths in the route table and event catalog are relative to it). */
  rootDir: string;
  /** How the bus retries a failing consumer before dead-lettering the event. */
  retry?: RetryPolicy;
}

export interface LocalRuntime {
  apiUrl: string;
  /** The demo practice's page that embeds the widget. */
  demoPageUrl: string;
  sesInboxUrl: string;
  demoTherapistId?: string;
  clock: VirtualClock;
  bus: LocalEventBus;
  deadLetters: DeadLetters;
  /** Resolves when nothing is left to do at the current virtual time (see `settle`). */
  settle(): Promise<SettleResult>;
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'practice-booking';
const REGION = 'us-east-1';

/**
 * Runs the whole system on one machine with real stand-ins: DynamoDB Local, the local SES server,
 * the same handlers behind a local HTTP API, the table's stream polled into the same publish
 * function, an in-process bus routed by the same event catalog, a clock-driven reminder sweep and
 * a virtual clock. Handlers are configured through the same environment variables the CDK stack
 * sets, so they cannot tell where they run.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const secrets = loadLocalSecrets(options.dataDir);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal({
      port: options.dynamoDbPort,
      ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
    });
    stops.push(() => dynamo.stop());
    const ses = await startLocalSes(options.sesPort);
    stops.push(() => ses.stop());

    const publicOrigin = `http://localhost:${options.port}`;
    Object.assign(process.env, {
      TABLE_NAME: LOCAL_TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      MANAGE_TOKEN_SECRET: secrets.manageTokenSecret,
      CALENDAR_SECRET_KEY: secrets.calendarSecretKey,
      CALENDAR_ALLOW_LOOPBACK_HTTP: '1',
      PUBLIC_BASE_URL: publicOrigin,
      ALLOWED_ORIGINS: [publicOrigin, `http://127.0.0.1:${options.port}`].join(','),
    });
    const loader = new HandlerLoader(options.rootDir);
    const deadLetters = new DeadLetters(options.dataDir);
    const bus = new LocalEventBus(loader, deadLetters, options.retry ?? DEFAULT_RETRY);
    const clock = new VirtualClock(options.now);
    // What AWS itself provides is all the local runtime swaps: the clock, the bus, and SES's
    // memory of each sent message's tags (for the bounces and complaints of /_local/email-feedback).
    overrideDependencies({ clock, events: bus });
    const sentMessages = new SentMessages();
    overrideDependencies({ mailer: sentMessages.wrap(dependencies().mailer) });
    const deps = dependencies();

    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();
    if (options.seed) await seedDemoPractice(deps, publicOrigin);

    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      region: REGION,
      tableName: LOCAL_TABLE_NAME,
      handlerFile: STREAM_PUBLISHER.handler,
      functionName: STREAM_PUBLISHER.name,
      loader,
      deadLetters,
      ...(options.dataDir ? { checkpointFile: path.join(options.dataDir, 'stream-checkpoints.json') } : {}),
    });
    await poller.start();
    stops.push(() => poller.stop());
    const scheduler = new ReminderScheduler(loader);
    scheduler.start();
    stops.push(() => scheduler.stop());
    // The daily series extension, on the virtual clock too: at start, then when the clock reaches
    // another date (checked every second, a clock read), so an idle runtime never reads the series.
    const seriesScheduler = new ReminderScheduler(loader, 1000, { ...SERIES_EXTENSION, timeoutSeconds: 300 }, oncePerVirtualDay(clock));
    seriesScheduler.start();
    stops.push(() => seriesScheduler.stop());

    // Holds expire on the virtual clock too: every second of real time, like the reminder sweep.
    const holdScheduler = new ReminderScheduler(loader, 1000, { ...HOLD_SWEEP, timeoutSeconds: DEPLOYED_LIMITS.sweepTimeoutSeconds });
    holdScheduler.start();
    stops.push(() => holdScheduler.stop());

    // The therapists' other calendars, every 10 minutes of the virtual clock (checked every second, a clock read).
    const calendarScheduler = new ReminderScheduler(loader, 1000, { ...CALENDAR_SYNC, timeoutSeconds: 300 }, everyVirtualMinutes(clock, CALENDAR_SYNC.everyMinutes));
    calendarScheduler.start();
    stops.push(() => calendarScheduler.stop());

    const settleRuntime = () => settle({ scheduler, poller, bus, holds: holdScheduler });

    // The widget's page may be framed by the practice's sites only: the deployed origins and the settings' (decision 141).
    const embeddingOrigins = async () => [...new Set([...deps.config.allowedOrigins, ...(await deps.settings.get()).allowedOrigins])];
    const pages = await widgetPages(options.rootDir, path.join(options.rootDir, 'widget', 'dist'), embeddingOrigins);
    const issuer = await LocalIssuer.create(`http://127.0.0.1:${options.port}/_local/issuer`, options.dataDir);
    const server = createHttpGateway({
      routes: ROUTES,
      loader,
      authorizer: createJwtAuthorizer({ issuer: issuer.issuer, audience: [LOCAL_AUDIENCE] }),
      extra: async (request, body, response) =>
        (await localEndpoints(request, body, response, { clock, sesEndpoint: ses.endpoint, deadLetters, issuer, settle: settleRuntime, loader, sentMessages, therapists: deps.therapists })) || pages(request, response),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use: stop what runs there or set PORT`) : error),
      );
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    return {
      apiUrl: `http://127.0.0.1:${port}`,
      demoPageUrl: `http://localhost:${port}/`,
      sesInboxUrl: `${ses.endpoint}/`,
      clock,
      bus,
      deadLetters,
      settle: settleRuntime,
      stop,
      ...(options.seed ? { demoTherapistId: DEMO_THERAPIST.id } : {}),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The administrator the local sign-in page offers: in the admin group, linked to no therapist record. */
export const LOCAL_ADMIN_ID = 'local-admin';

/** The `/_local/*` endpoints of API.md: never deployed. */
async function localEndpoints(
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  parts: { clock: VirtualClock; sesEndpoint: string; deadLetters: DeadLetters; issuer: LocalIssuer; settle: () => Promise<SettleResult>;
    loader: HandlerLoader; sentMessages: SentMessages; therapists: Pick<TherapistRepository, 'listAll'> },
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://local');
  const json = (status: number, value: unknown) =>
    send(response, { statusCode: status, headers: apiHeaders({ 'content-type': 'application/json; charset=utf-8' }), body: Buffer.from(JSON.stringify(value)) });
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /_local/health':
      json(200, { status: 'ok' });
      return true;
    case 'GET /_local/clock':
      json(200, { now: parts.clock.now().toISOString() });
      return true;
    case 'POST /_local/clock': {
      const now = (parseJson(body) as { now?: unknown } | undefined)?.now;
      if (typeof now !== 'string' || Number.isNaN(Date.parse(now)) || !/[zZ]|[+-]\d\d:?\d\d$/.test(now)) {
        send(response, errorReply(400, 'validation_failed', 'Give the clock an instant.', [{ path: 'now', message: 'must be an ISO 8601 instant with an offset' }]));
        return true;
      }
      parts.clock.set(new Date(now));
      json(200, { now: parts.clock.now().toISOString() });
      return true;
    }
    case 'GET /_local/outbox': {
      const store = (await (await fetch(`${parts.sesEndpoint}/store`)).json()) as { emails?: unknown[] };
      json(200, { emails: store.emails ?? [] });
      return true;
    }
    case 'POST /_local/settle': {
      // Answers once the stream, the bus and a reminder sweep at the current virtual time are done.
      const result = await parts.settle();
      if (result.settled) json(200, result);
      else send(response, errorReply(503, 'not_settled', 'The local runtime is still busy (a consumer keeps failing or retrying).'));
      return true;
    }
    case 'POST /_local/email-feedback': {
      // What SES would report about a sent message: its bounce or complaint event, delivered to
      // the same function EventBridge invokes in AWS. Answers once the function has recorded it.
      const input = parseJson(body) as { messageId?: unknown; type?: unknown; bounceType?: unknown } | undefined;
      const bounceType = input?.bounceType ?? 'Permanent';
      if (typeof input?.messageId !== 'string' || (input.type !== 'bounce' && input.type !== 'complaint') || (bounceType !== 'Permanent' && bounceType !== 'Transient')) {
        send(response, errorReply(400, 'validation_failed', 'Name a sent message and what SES reports about it.', [
          { path: 'messageId', message: 'must be the messageId of an email in /_local/outbox' },
          { path: 'type', message: 'must be bounce or complaint' },
          { path: 'bounceType', message: 'must be Permanent (the default) or Transient' },
        ]));
        return true;
      }
      const sent = parts.sentMessages.get(input.messageId);
      if (!sent) {
        send(response, errorReply(404, 'not_found', 'No message with that id was sent by this runtime.'));
        return true;
      }
      const feedback: FeedbackKind = input.type === 'bounce' ? { type: 'bounce', bounceType } : { type: 'complaint' };
      const handler = await parts.loader.load(EMAIL_FEEDBACK_HANDLER);
      await invokeWithTimeout(handler, sesFeedbackEvent(input.messageId, sent, feedback), 'record-email-feedback', DEPLOYED_LIMITS.emailFeedbackTimeoutSeconds);
      json(200, { recorded: true });
      return true;
    }
    case 'GET /_local/dead-letters':
      json(200, { deadLetters: parts.deadLetters.list() });
      return true;
    case 'GET /_local/issuer/.well-known/jwks.json':
      json(200, parts.issuer.jwks());
      return true;
    case 'GET /_local/issuer/.well-known/openid-configuration':
      json(200, { issuer: parts.issuer.issuer, jwks_uri: `${parts.issuer.issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
      return true;
    case 'GET /_local/accounts': {
      // The local sign-in page's list: every active therapist, and an administrator who is not one.
      const therapists = (await parts.therapists.listAll()).filter((t) => t.active);
      json(200, {
        accounts: [
          ...therapists.map((t) => ({ label: `${t.displayName} (therapist)`, therapistId: t.id, role: 'therapist' })),
          { label: 'Practice administrator', therapistId: LOCAL_ADMIN_ID, role: 'admin' },
        ],
      });
      return true;
    }
    case 'POST /_local/token': {
      const input = parseJson(body) as { therapistId?: unknown; role?: unknown; expiresInSeconds?: unknown } | undefined;
      const therapistId = input?.therapistId;
      const role = input?.role ?? 'therapist';
      // A short life lets a test see a token end mid-edit without waiting an hour.
      const lifetime = input?.expiresInSeconds ?? 3600;
      if (!Slug.safeParse(therapistId).success || (role !== 'therapist' && role !== 'admin') || !Number.isInteger(lifetime) || (lifetime as number) < 1 || (lifetime as number) > 3600) {
        send(response, errorReply(400, 'validation_failed', 'Name a therapist id and, optionally, a role and a lifetime.', [
          { path: 'therapistId', message: 'must be lowercase letters, digits and dashes' },
          { path: 'role', message: 'must be therapist or admin' },
          { path: 'expiresInSeconds', message: 'must be a whole number of seconds from 1 to 3600' },
        ]));
        return true;
      }
      json(200, { token: await parts.issuer.mint(therapistId as string, role, lifetime as number) });
      return true;
    }
    default:
      return false;
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return undefined;
  }
}
