import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import { PracticeSettings } from '../domain/practice-settings';
import { conflict, validationFailed } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { SettingsRepository } from '../store/settings-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface PracticeSettingsServicePorts {
  settings: Pick<SettingsRepository, 'read' | 'replace'>;
  /** The change writes its audit entry in its own transaction (issue 17). */
  audit: Pick<AuditLog, 'entry'>;
}

/** Admins rarely race; this bounds the work if many changes arrive at once. */
const MAX_ATTEMPTS = 8;

/**
 * Applies the given settings over the current ones; the result must be a valid whole. The write is
 * conditioned on the version that was read: if another change landed in between, the merge is
 * done again over it, so two admins changing different fields at once both keep their change.
 */
/** Optional settings a PUT removes with `null` (SettingsBody). */
export type SettingsChanges = Partial<Omit<PracticeSettings, 'contact' | 'locale' | 'limits'>> & {
  /** Any subset of the limits: the others keep their values. */
  limits?: Partial<PracticeSettings['limits']>;
  contact?: PracticeSettings['contact'] | null;
  locale?: PracticeSettings['locale'] | null;
};

export async function changePracticeSettings(deps: PracticeSettingsServicePorts, changes: SettingsChanges, actor: string): Promise<PracticeSettings> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await deps.settings.read();
    const combined: Record<string, unknown> = { ...current.settings, ...changes, limits: { ...current.settings.limits, ...changes.limits } };
    for (const key of ['contact', 'locale'] as const) if (changes[key] === null) delete combined[key];
    const merged = PracticeSettings.safeParse(combined);
    if (!merged.success) {
      throw validationFailed('The settings are not valid.', merged.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    }
    if (await deps.settings.replace(merged.data, current.version, audit(deps.audit, actor, 'settings.update', 'settings'))) return merged.data;
    logger.info('settings write retried', { attempt });
    await backoff(attempt);
  }
  throw conflict('The settings are being changed by someone else right now. Please reload them and try again.');
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));
}
