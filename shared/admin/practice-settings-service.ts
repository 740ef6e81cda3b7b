import { PracticeSettings } from '../domain/practice-settings';
import { validationFailed } from '../errors/domain-errors';
import type { Dependencies } from '../runtime/dependencies';

/** Applies the given settings over the current ones; the result must be a valid whole. */
export async function changePracticeSettings(deps: Pick<Dependencies, 'settings'>, changes: Partial<PracticeSettings>): Promise<PracticeSettings> {
  const merged = PracticeSettings.safeParse({ ...(await deps.settings.get()), ...changes });
  if (!merged.success) {
    throw validationFailed('The settings are not valid.', merged.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  await deps.settings.put(merged.data);
  return merged.data;
}
