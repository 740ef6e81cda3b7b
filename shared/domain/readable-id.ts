import { randomBytes } from 'node:crypto';

/** An id people can read in URLs: `couples-session-3f9a1c`, from a name, unique by its suffix. */
export function readableId(name: string, fallback: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || fallback;
  return `${base}-${randomBytes(3).toString('hex')}`;
}
