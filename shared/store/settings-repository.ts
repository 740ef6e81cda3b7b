import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOne, type Audit } from '../audit/audited';
import { DEFAULT_PRACTICE_SETTINGS, type PracticeSettings } from '../domain/practice-settings';
import { noteSettings } from './request-settings';
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

/** The settings as read, with the version a conditional write must still find. 0: never written. */
export interface VersionedSettings {
  settings: PracticeSettings;
  version: number;
}

export class SettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(): Promise<PracticeSettings> {
    return (await this.read()).settings;
  }

  async read(): Promise<VersionedSettings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.practiceSettings(), ConsistentRead: true }));
    const settings = toPracticeSettings(Item);
    noteSettings(settings);
    return { settings, version: Number(Item?.version ?? 0) };
  }

  /**
   * Writes the settings only if they are still at the version that was read (an item written
   * before versions existed counts as 0); false when someone changed them in between, so the
   * caller merges again on what is there now instead of overwriting it.
   */
  async replace(settings: PracticeSettings, readVersion: number, audited?: Audit): Promise<boolean> {
    return this.write(settings, audited, {
      update: '#version = :next',
      condition: readVersion === 0 ? 'attribute_not_exists(#version)' : '#version = :read',
      values: { ':next': readVersion + 1, ...(readVersion === 0 ? {} : { ':read': readVersion }) },
    });
  }

  /**
   * Writes the settings whatever is there (seeding, tests); with onlyIfNew, leaves existing
   * settings alone. Bumps the version either way, so a read-merge-write racing it is refused.
   */
  async put(settings: PracticeSettings, options: { onlyIfNew?: boolean } = {}): Promise<boolean> {
    return this.write(settings, undefined, {
      update: '#version = if_not_exists(#version, :zero) + :one',
      ...(options.onlyIfNew ? { condition: 'attribute_not_exists(PK)' } : {}),
      values: { ':zero': 0, ':one': 1 },
    });
  }

  /** One conditional write of the settings item and its version; false when the condition refused it. */
  private async write(settings: PracticeSettings, audited: Audit | undefined, version: { update: string; condition?: string; values: Record<string, number> }): Promise<boolean> {
    try {
      await writeOne(
        this.db,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.practiceSettings(),
            UpdateExpression: `SET #type = :type, #settings = :settings, ${version.update}`,
            ...(version.condition ? { ConditionExpression: version.condition } : {}),
            ExpressionAttributeNames: { '#type': 'type', '#settings': 'settings', '#version': 'version' },
            ExpressionAttributeValues: { ':type': 'settings', ':settings': settings, ...version.values },
          },
        },
        audited,
      );
      noteSettings(toPracticeSettings({ settings })); // what is stored now, not what was read before
      return true;
    } catch (error) {
      if (version.condition && (error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
