/** The one source of "now" for the domain: a port, so the local runtime can run on a virtual clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
