import * as z from '../shared/validation/zod';

/** Every event on the bus: a versioned envelope. Data carries ids and times, never personal data. */
export function envelope<T extends string, D extends z.ZodMiniType>(type: T, version: number, data: D) {
  return z.object({
    id: z.string().check(z.minLength(1)),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime({ offset: true }),
    data,
  });
}

/** The bus's source name for every event of this system. */
export const EVENT_SOURCE = 'practice.booking';
