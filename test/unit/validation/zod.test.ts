import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

// A schema module that imported zod itself would skip the locale (zod/mini) or bring classic zod back
// into the bundles (zod): code that functions load goes through the door. infra/ is not bundled.
test('code that functions load imports zod only through shared/validation/zod.ts', () => {
  const sources = ['shared', 'events', 'functions'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)));
  const direct = sources.filter((file) => file !== path.join('shared', 'validation', 'zod.ts') && /from 'zod(\/[^']*)?'/.test(readFileSync(file, 'utf8')));
  expect(sources.length).toBeGreaterThan(50);
  expect(direct).toEqual([]);
});
