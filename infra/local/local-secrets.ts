import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  manageTokenSecret: string;
  /** Seals calendar passwords locally as KMS does in AWS (issue 15); added to a data folder made before it. */
  calendarSecretKey: string;
}

/** Generated once and kept in the data folder (git-ignored), so manage links survive a restart. */
export function loadLocalSecrets(dataDir: string | undefined): LocalSecrets {
  const fresh = (): LocalSecrets => ({ manageTokenSecret: randomBytes(32).toString('base64url'), calendarSecretKey: randomBytes(32).toString('base64') });
  if (!dataDir) return fresh();
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (kept.manageTokenSecret && kept.calendarSecretKey) return kept as LocalSecrets;
    const completed = { ...fresh(), ...kept } as LocalSecrets;
    writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return completed;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = fresh();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
