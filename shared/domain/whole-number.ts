import * as z from '../validation/zod';

/** A whole number between two bounds, inclusive: what durations, counts and most settings are. */
export const wholeNumber = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
