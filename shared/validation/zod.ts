import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The one door to zod for code that functions load: `zod/mini`, the same schemas and checks as
 * zod's classic API without a method for each of them on every schema, so a bundle keeps only
 * what it uses (decision 44: classic zod was ~450 KB of every bundle and ~35 ms of its init).
 * Import it as a namespace (`import * as z from '../validation/zod'`): a namespace re-exported as
 * a value (`import { z } from 'zod/mini'`) makes the bundler keep all of zod, every locale too.
 *
 * Unlike classic zod, mini sets no locale by itself and every issue would read "Invalid input":
 * English is what the classic API used, so the messages of 400 answers stay word for word.
 */
config(en());

export * from 'zod/mini';
