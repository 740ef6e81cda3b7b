import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  manageTokenSecret: string;
}

/** Generated once and kept in the data folder (git-ignored), so manage links survive a restart. */
export function loadLocalSecrets(dataDir: string | undefined): LocalSecrets {
  const fresh = (): LocalSecrets => ({ manageTokenSecret: randomBytes(32).toString('base64url') });
  if (!dataDir) return fresh();
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = fresh();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
