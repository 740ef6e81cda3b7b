import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PRACTICE_SETTINGS, type PracticeSettings } from '../domain/practice-settings';
import { putItem } from './put-item';
import { keys } from './table-schema';

let deployedDefaults: Partial<PracticeSettings> | undefined;

/** The settings a deployment starts with (PRACTICE_SETTINGS_DEFAULTS, set by the stack from its config). */
function defaults(): PracticeSettings {
  deployedDefaults ??= process.env.PRACTICE_SETTINGS_DEFAULTS ? (JSON.parse(process.env.PRACTICE_SETTINGS_DEFAULTS) as Partial<PracticeSettings>) : {};
  return { ...DEFAULT_PRACTICE_SETTINGS, ...deployedDefaults };
}

/** Stored settings over the defaults, so a setting added later has a value for old practices. */
export function toPracticeSettings(item: Record<string, any> | undefined): PracticeSettings {
  return { ...defaults(), ...(item?.settings ?? {}) };
}

export class SettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(): Promise<PracticeSettings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.practiceSettings(), ConsistentRead: true }));
    return toPracticeSettings(Item);
  }

  /** Writes the settings; with onlyIfNew, leaves existing settings alone (seeding). */
  put(settings: PracticeSettings, options: { onlyIfNew?: boolean } = {}): Promise<boolean> {
    return putItem(this.db, this.tableName, { ...keys.practiceSettings(), type: 'settings', settings }, options);
  }
}
