import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface DeadLetter {
  /** Where it died: a consumer's name, or the stream publisher. */
  source: string;
  at: string;
  attempts: number;
  errorName: string;
  /** The event (ids and times only) or the stream record's ids. */
  payload: unknown;
}

/**
 * The local stand-in for the dead-letter queues: what could not be delivered after every retry,
 * kept (in the data folder when there is one) and shown at GET /_local/dead-letters.
 */
export class DeadLetters {
  private readonly letters: DeadLetter[] = [];
  private readonly file?: string;

  constructor(dataDir?: string) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.file = path.join(dataDir, 'dead-letters.jsonl');
      if (existsSync(this.file)) {
        for (const line of readFileSync(this.file, 'utf8').split('\n').filter(Boolean)) this.letters.push(JSON.parse(line) as DeadLetter);
      }
    }
  }

  add(letter: DeadLetter): void {
    this.letters.push(letter);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(letter)}\n`);
    process.stderr.write(`dead letter from ${letter.source} after ${letter.attempts} attempts (${letter.errorName})\n`);
  }

  list(): DeadLetter[] {
    return [...this.letters];
  }
}
