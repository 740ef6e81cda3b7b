import * as z from '../../../shared/validation/zod';

// zod/mini sets no locale of its own: without the English one every issue would read "Invalid input",
// and the 400 answers' field messages would change. Loaded alone here, as a function's bundle loads it.
test('schemas made through the door answer in the English the classic API used', () => {
  const result = z.object({ name: z.string().check(z.minLength(1)), count: z.number().check(z.int()) }).safeParse({ name: '', count: 'x' });
  expect(result.success).toBe(false);
  expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['name', 'Too small: expected string to have >=1 characters'],
    ['count', 'Invalid input: expected number, received string'],
  ]);
});
