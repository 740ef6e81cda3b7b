import type { Clock } from '../../shared/time/clock';

/**
 * The local runtime's clock: real time shifted by an offset, so it runs on in real time after it
 * is set (LOCAL_NOW at start, POST /_local/clock later). Every function and the scheduler read it.
 */
export class VirtualClock implements Clock {
  private offsetMs = 0;

  constructor(start?: Date) {
    if (start) this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
