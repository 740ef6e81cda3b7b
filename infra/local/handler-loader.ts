import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';

export type LambdaHandler<E = any, R = any> = (event: E, context: Context) => Promise<R>;

/** Where handler functions come from, by the file the route table or event catalog names. */
export interface HandlerSource {
  load(file: string): Promise<LambdaHandler>;
}

/**
 * Loads handler modules on first use, like a cold start, and keeps them, like a warm container.
 * The local runtime invokes exactly the files the CDK stack deploys.
 *
 * One process serves many invocations at once here, as a Lambda managed instance with
 * `AWS_LAMBDA_MAX_CONCURRENCY` does; like that runtime, each invocation runs in its own
 * InvokeStore context, so the logger's per-request keys (request id, event id) never mix.
 */
export class HandlerLoader implements HandlerSource {
  private readonly handlers = new Map<string, Promise<LambdaHandler>>();

  constructor(private readonly rootDir: string) {}

  load(file: string): Promise<LambdaHandler> {
    let handler = this.handlers.get(file);
    if (!handler) {
      process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
      handler = Promise.all([
        import(pathToFileURL(path.join(this.rootDir, file)).href) as Promise<{ handler?: LambdaHandler }>,
        InvokeStore.getInstanceAsync(true),
      ]).then(([module, store]) => {
        const loaded = module.handler;
        if (typeof loaded !== 'function') throw new Error(`${file} exports no handler`);
        return (event, context) =>
          store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () => loaded(event, context));
      });
      this.handlers.set(file, handler);
    }
    return handler;
  }
}
