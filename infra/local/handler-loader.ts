import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export type LambdaHandler<E = any, R = any> = (event: E, context: Context) => Promise<R>;

/**
 * Loads handler modules on first use, like a cold start, and keeps them, like a warm container.
 * The local runtime invokes exactly the files the CDK stack deploys.
 */
export class HandlerLoader {
  private readonly handlers = new Map<string, Promise<LambdaHandler>>();

  constructor(private readonly rootDir: string) {}

  load(file: string): Promise<LambdaHandler> {
    let handler = this.handlers.get(file);
    if (!handler) {
      handler = import(pathToFileURL(path.join(this.rootDir, file)).href).then((module: { handler?: LambdaHandler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${file} exports no handler`);
        return module.handler;
      });
      this.handlers.set(file, handler);
    }
    return handler;
  }
}
