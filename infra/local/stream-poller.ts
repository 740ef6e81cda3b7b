import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { DeadLetters } from './dead-letters';
import type { HandlerSource } from './handler-loader';
import { invokeWithTimeout } from './invoke';

export interface StreamPollerOptions {
  endpoint: string;
  region: string;
  tableName: string;
  /** The stream consumer (the publish function) as the route table names handlers. */
  handlerFile: string;
  functionName: string;
  loader: HandlerSource;
  deadLetters: DeadLetters;
  /** Where to remember the last record handled per shard; without it, start from the oldest record. */
  checkpointFile?: string;
  pollMs?: number;
  /** Records per invocation and the function's timeout: the deployed ones unless a test needs others. */
  batchSize?: number;
  timeoutSeconds?: number;
  maxAttempts?: number;
  /** First retry delay; it doubles each time. */
  retryDelayMs?: number;
}

interface ShardState {
  iterator?: string;
  closed: boolean;
}

/**
 * The local stand-in for Lambda's DynamoDB stream event source mapping: reads the table's stream
 * (DescribeStream / GetShardIterator / GetRecords on DynamoDB Local), hands batches in the Lambda
 * event shape to the same publish function (the deployed batch size and timeout), honours its batch-item failures by retrying from the
 * failed record, and dead-letters a record that keeps failing. A checkpoint per shard means a
 * restart resumes after the last handled record: nothing written is ever skipped.
 */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  private checkpoints: Record<string, string> = {};
  private streamArn = '';
  private stopped = false;
  private loop?: Promise<void>;
  private lastDescribe = 0;
  private quietWaiters: Array<{ afterPass: number; resolve: () => void }> = [];
  private passes = 0;
  private handledRecords = 0;

  constructor(private readonly options: StreamPollerOptions) {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    this.streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials });
  }

  async start(): Promise<void> {
    const tables = new DynamoDBClient({ endpoint: this.options.endpoint, region: this.options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    tables.destroy();
    if (!Table?.LatestStreamArn) throw new Error(`table ${this.options.tableName} has no stream`);
    this.streamArn = Table.LatestStreamArn;
    this.checkpoints = this.readCheckpoints();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.streams.destroy();
  }

  /**
   * Resolves after a full pass over every shard that began after this call finds nothing new: every
   * record written before the call has then been handed to the function and handled.
   */
  quiet(): Promise<void> {
    return new Promise((resolve) => this.quietWaiters.push({ afterPass: this.passes, resolve }));
  }

  /** How many stream records have been handed to the function so far. */
  get handled(): number {
    return this.handledRecords;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const pass = ++this.passes;
      let handled = 0;
      try {
        if (Date.now() - this.lastDescribe > 5000 || this.shards.size === 0) await this.discoverShards();
        for (const [shardId, shard] of this.shards) {
          if (!shard.closed) handled += await this.pollShard(shardId, shard);
        }
      } catch (error) {
        process.stderr.write(`stream poller: ${(error as Error).name}: ${(error as Error).message.split('\n')[0]}\n`);
      }
      this.handledRecords += handled;
      if (handled === 0) {
        const done = this.quietWaiters.filter((w) => w.afterPass < pass);
        this.quietWaiters = this.quietWaiters.filter((w) => w.afterPass >= pass);
        for (const waiter of done) waiter.resolve();
      }
      await sleep(handled > 0 ? 0 : (this.options.pollMs ?? 200));
    }
  }

  private async discoverShards(): Promise<void> {
    this.lastDescribe = Date.now();
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId }));
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !this.shards.has(shard.ShardId)) this.shards.set(shard.ShardId, { closed: false });
      }
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
  }

  private async pollShard(shardId: string, shard: ShardState): Promise<number> {
    if (!shard.iterator) {
      const after = this.checkpoints[shardId];
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.streamArn,
          ShardId: shardId,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      shard.iterator = ShardIterator;
      if (!shard.iterator) {
        shard.closed = true;
        return 0;
      }
    }
    const { Records = [], NextShardIterator } = await this.streams.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.options.batchSize ?? DEPLOYED_LIMITS.streamBatchSize }),
    );
    if (Records.length > 0) await this.deliver(shardId, Records);
    shard.iterator = NextShardIterator;
    if (!NextShardIterator) shard.closed = true;
    return Records.length;
  }

  /** Hands records to the function until each is handled or dead-lettered, in order. */
  private async deliver(shardId: string, records: StreamRecord[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    let remaining = records;
    let attempt = 1;
    while (remaining.length > 0 && !this.stopped) {
      const failedSequence = await this.invoke(remaining);
      if (failedSequence === undefined) {
        this.checkpoint(shardId, remaining.at(-1)!.dynamodb!.SequenceNumber!);
        return;
      }
      const index = Math.max(0, remaining.findIndex((r) => r.dynamodb?.SequenceNumber === failedSequence));
      if (index > 0) {
        // Everything before the failed record is done: move past it, and start counting afresh.
        this.checkpoint(shardId, remaining[index - 1]!.dynamodb!.SequenceNumber!);
        remaining = remaining.slice(index);
        attempt = 1;
      }
      if (attempt >= maxAttempts) {
        const poison = remaining[0]!;
        this.options.deadLetters.add({
          source: this.options.functionName,
          at: new Date().toISOString(),
          attempts: attempt,
          errorName: 'StreamRecordFailed',
          payload: { eventID: poison.eventID, eventName: poison.eventName, sequenceNumber: poison.dynamodb?.SequenceNumber, keys: poison.dynamodb?.Keys },
        });
        this.checkpoint(shardId, poison.dynamodb!.SequenceNumber!);
        remaining = remaining.slice(1);
        attempt = 1;
        continue;
      }
      await sleep(Math.min(30_000, (this.options.retryDelayMs ?? 250) * 2 ** (attempt - 1)));
      attempt++;
    }
  }

  /** Invokes the function; answers the sequence number to retry from, or undefined when all succeeded. */
  private async invoke(records: StreamRecord[]): Promise<string | undefined> {
    const event: DynamoDBStreamEvent = { Records: records.map((r) => this.toLambdaRecord(r)) };
    try {
      const handler = await this.options.loader.load(this.options.handlerFile);
      const timeout = this.options.timeoutSeconds ?? DEPLOYED_LIMITS.streamPublisherTimeoutSeconds;
      const response = await invokeWithTimeout<DynamoDBBatchResponse | undefined>(handler, event, this.options.functionName, timeout);
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return undefined;
      // Lambda retries from the lowest failed sequence number.
      const order = new Map(records.map((r, i) => [r.dynamodb?.SequenceNumber, i]));
      return failures.map((f) => f.itemIdentifier).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0];
    } catch {
      return records[0]!.dynamodb!.SequenceNumber!; // a thrown error or a timeout fails the whole batch
    }
  }

  private toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const d = record.dynamodb!;
    return {
      eventID: record.eventID,
      eventName: record.eventName as DynamoDBRecord['eventName'],
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.options.region,
      eventSourceARN: this.streamArn,
      dynamodb: {
        ...(d.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) } : {}),
        Keys: d.Keys as never,
        ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
        ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
        SequenceNumber: d.SequenceNumber,
        SizeBytes: d.SizeBytes,
        StreamViewType: d.StreamViewType as never,
      },
    };
  }

  private checkpoint(shardId: string, sequenceNumber: string): void {
    this.checkpoints[shardId] = sequenceNumber;
    if (this.options.checkpointFile) writeFileSync(this.options.checkpointFile, JSON.stringify({ streamArn: this.streamArn, shards: this.checkpoints }));
  }

  private readCheckpoints(): Record<string, string> {
    const file = this.options.checkpointFile;
    if (!file || !existsSync(file)) return {};
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { streamArn?: string; shards?: Record<string, string> };
    return saved.streamArn === this.streamArn ? (saved.shards ?? {}) : {};
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
