import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { changedMeanwhile, withEntry, writeOne, type Audit } from '../audit/audited';
import { metAnotherTransaction, refusedByCondition } from './transaction-errors';
import { putItem } from './put-item';
import { toLedger, type DayLedger } from './booking-repository';
import { queryAll } from './query-all';
import type { DateOverride, TimeOff, WeeklySchedule } from '../domain/schedule';
import type { SessionType, Therapist } from '../domain/therapist';
import type { ExternalBusy } from '../calendars/calendar-source';
import { busyOfItems } from './calendar-repository';
import { CONFIG_SK_FLOOR, keys, TABLE_SCHEMA } from './table-schema';

/** Everything about one therapist that availability and booking need, read in one query. */
export interface TherapistConfiguration {
  therapist?: Therapist;
  schedule?: WeeklySchedule;
  sessionTypes: SessionType[];
  overrides: DateOverride[];
  timeOff: TimeOff[];
  /** Busy time from the therapist's other calendars (issue 15): blocks like time off. */
  externalBusy: ExternalBusy[];
}

export interface PublicTherapist extends Therapist {
  sessionTypes: SessionType[];
}

const LISTING_PK = 'THERAPISTS';
const DAY_SECONDS = 86400;

export class TherapistRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One strongly consistent query over the therapist's partition, skipping the day ledgers. */
  async loadConfiguration(therapistId: string): Promise<TherapistConfiguration> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk > :floor',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey, '#sk': TABLE_SCHEMA.sortKey },
      ExpressionAttributeValues: { ':pk': keys.therapistPartition(therapistId), ':floor': CONFIG_SK_FLOOR },
      ConsistentRead: true,
    });
    return toConfiguration(items);
  }

  /**
   * The configuration and the day ledgers of therapist-local dates `from`..`to` inclusive, in ONE
   * strongly consistent query: `SK >= DAY#<from>` covers the ledgers from `from` on and every
   * configuration item (they sort after `DAY$`). The price is the ledgers after `to` (up to the
   * furthest booked day), read and dropped here; that round trip is what leaves availability room
   * for the CORS settings read within its budget of two (decision 45).
   */
  async loadConfigurationAndLedgers(therapistId: string, from: string, to: string): Promise<{ configuration: TherapistConfiguration; ledgers: DayLedger[] }> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk >= :from',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey, '#sk': TABLE_SCHEMA.sortKey },
      ExpressionAttributeValues: { ':pk': keys.therapistPartition(therapistId), ':from': `DAY#${from}` },
      ConsistentRead: true,
    });
    const last = `DAY#${to}`;
    const ledgers = items.filter((i) => String(i.SK) < CONFIG_SK_FLOOR).filter((i) => String(i.SK) <= last).map(toLedger);
    return { configuration: toConfiguration(items.filter((i) => String(i.SK) > CONFIG_SK_FLOOR)), ledgers };
  }

  /** Active therapists with their visible session types, in one query of the listing index. */
  async listPublic(): Promise<PublicTherapist[]> {
    const items = await this.listingItems();
    const byId = new Map<string, PublicTherapist>();
    for (const item of items) if (item.SK === 'PROFILE') byId.set(item.id, { ...toTherapist(item), sessionTypes: [] });
    for (const item of items) {
      if (typeof item.SK === 'string' && item.SK.startsWith('SESSIONTYPE#')) byId.get(item.therapistId)?.sessionTypes.push(toSessionType(item));
    }
    return [...byId.values()]
      .filter((t) => t.active)
      .map((t) => ({ ...t, sessionTypes: t.sessionTypes.filter((s) => !s.hidden) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async getTherapist(therapistId: string): Promise<Therapist | undefined> {
    return (await this.getProfile(therapistId))?.therapist;
  }

  /**
   * The therapist, the version of their calendar-feed URL and, when their sign-in is not named by
   * their id (an existing sign-in linked to them), its username: one read of the profile.
   */
  async getProfile(therapistId: string): Promise<{ therapist: Therapist; calendarFeedVersion: number; signInUsername?: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.therapist(therapistId), ConsistentRead: true }));
    if (!Item) return undefined;
    return {
      therapist: toTherapist(Item),
      calendarFeedVersion: Number(Item.calendarFeedVersion ?? 1),
      ...(typeof Item.signInUsername === 'string' ? { signInUsername: Item.signInUsername } : {}),
    };
  }

  /** Records the username of the existing sign-in a therapist was linked to; false when there is no such therapist. */
  async setSignInUsername(therapistId: string, username: string): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: keys.therapist(therapistId),
        UpdateExpression: 'SET signInUsername = :u',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':u': username },
      }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Every therapist, inactive ones included (the admin's list). */
  async listAll(): Promise<Therapist[]> {
    const items = await this.listingItems();
    return items.filter((i) => i.SK === 'PROFILE').map(toTherapist).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** Changes some profile fields of an existing therapist; undefined when there is none. Audited: the change and its entry are one transaction. */
  async updateTherapist(therapistId: string, fields: Partial<Omit<Therapist, 'id'>>, audited?: Audit): Promise<Therapist | undefined> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const removed = Object.entries(fields).filter(([k, v]) => v === undefined && REMOVABLE.has(k)).map(([k]) => k);
    const set = entries.map(([k], i) => `#f${i} = :v${i}`).join(', ');
    try {
      await writeOne(
        this.db,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.therapist(therapistId),
            UpdateExpression: [set ? `SET ${set}` : '', removed.length ? `REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : ''].join(' ').trim(),
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: {
              ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
              ...Object.fromEntries(removed.map((k, i) => [`#r${i}`, k])),
            },
            ...(entries.length ? { ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])) } : {}),
          },
        },
        audited,
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
    // A transaction returns no values: the profile as it now stands is read back.
    return this.getTherapist(therapistId);
  }

  /** The version of the therapist's calendar-feed URL; bumping it revokes every earlier URL. */
  async calendarFeedVersion(therapistId: string, rotate = false, audited?: Audit): Promise<number> {
    if (!rotate) return (await this.getProfile(therapistId))?.calendarFeedVersion ?? 1;
    await writeOne(
      this.db,
      {
        Update: {
          TableName: this.tableName,
          Key: keys.therapist(therapistId),
          UpdateExpression: 'SET calendarFeedVersion = if_not_exists(calendarFeedVersion, :one) + :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      audited,
    );
    // A transaction returns no values; a rotation racing this one only makes the version read here newer, still current.
    return (await this.getProfile(therapistId))?.calendarFeedVersion ?? 1;
  }

  /** Removes one of the therapist's items; false when it was not there. */
  async deleteItem(key: { PK: string; SK: string }, audited?: Audit): Promise<boolean> {
    try {
      await writeOne(this.db, { Delete: { TableName: this.tableName, Key: key, ConditionExpression: 'attribute_exists(PK)' } }, audited);
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Creates the therapist unless one with that id exists; returns whether it was written. */
  async putTherapist(therapist: Therapist, options: { onlyIfNew?: boolean; audit?: Audit } = {}): Promise<boolean> {
    return this.put(
      { ...keys.therapist(therapist.id), type: 'therapist', ...therapist, GSI1PK: LISTING_PK, GSI1SK: `${therapist.id}#PROFILE` },
      options,
    );
  }

  /**
   * Writes the schedule and, in the same transaction, its zone as the profile's `timeZone`: the
   * therapist has one zone, kept on the profile, and the stored schedule has none of its own.
   * False when nothing was written: the therapist does not exist, or (onlyIfNew) has a schedule.
   */
  async putSchedule(therapistId: string, schedule: WeeklySchedule, options: { onlyIfNew?: boolean; audit?: Audit } = {}): Promise<boolean> {
    const { timeZone, ...rules } = schedule;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: await withEntry([
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.schedule(therapistId), type: 'schedule', schedule: rules },
                ...(options.onlyIfNew ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.therapist(therapistId),
                UpdateExpression: 'SET #timeZone = :timeZone',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeNames: { '#timeZone': 'timeZone' },
                ExpressionAttributeValues: { ':timeZone': timeZone },
              },
            },
          ], options.audit),
        }),
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error)) return false;
      if (metAnotherTransaction(error)) throw changedMeanwhile();
      throw error;
    }
  }

  async putSessionType(therapistId: string, sessionType: SessionType, options: { onlyIfNew?: boolean; audit?: Audit } = {}): Promise<boolean> {
    return this.put(
      {
        ...keys.sessionType(therapistId, sessionType.id),
        type: 'sessionType',
        therapistId,
        ...sessionType,
        GSI1PK: LISTING_PK,
        GSI1SK: `${therapistId}#SESSIONTYPE#${sessionType.id}`,
      },
      options,
    );
  }

  async putOverride(therapistId: string, override: DateOverride, audited?: Audit): Promise<void> {
    // Past overrides are of no use: they expire a week after their date.
    const expiresAt = Math.floor(Date.parse(`${override.date}T00:00:00Z`) / 1000) + 8 * DAY_SECONDS;
    await this.put({ ...keys.override(therapistId, override.date), type: 'override', ...override, expiresAt }, { audit: audited });
  }

  async putTimeOff(therapistId: string, timeOff: TimeOff, audited?: Audit): Promise<void> {
    const expiresAt = Math.floor(Date.parse(timeOff.end) / 1000) + 7 * DAY_SECONDS;
    await this.put({ ...keys.timeOff(therapistId, timeOff.id), type: 'timeOff', ...timeOff, expiresAt }, { audit: audited });
  }

  private put(item: Record<string, unknown>, options: { onlyIfNew?: boolean | undefined; audit?: Audit | undefined } = {}): Promise<boolean> {
    return putItem(this.db, this.tableName, item, { ...(options.onlyIfNew ? { onlyIfNew: true } : {}), ...(options.audit ? { audit: options.audit } : {}) });
  }

  /** Every therapist profile and session type, from the listing index. */
  private listingItems(): Promise<Record<string, any>[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: TABLE_SCHEMA.index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.index.partitionKey },
      ExpressionAttributeValues: { ':pk': LISTING_PK },
    });
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, any>[]> {
    const items = await queryAll(this.db, input);
    const nowSeconds = Date.now() / 1000;
    // TTL deletion lags by up to days: an expired item is treated as gone.
    return items.filter((item) => typeof item.expiresAt !== 'number' || item.expiresAt > nowSeconds);
  }
}

export function toTherapist(item: Record<string, any>): Therapist {
  return {
    id: item.id,
    displayName: item.displayName,
    email: item.email,
    timeZone: item.timeZone,
    active: item.active !== false,
    ...(item.bio ? { bio: item.bio } : {}),
    ...(item.photoUrl ? { photoUrl: item.photoUrl } : {}),
  };
}

/** Optional profile fields that an update given as `undefined` removes (the PUT that leaves them out). */
const REMOVABLE = new Set(['bio', 'photoUrl']);

export function toSessionType(item: Record<string, any>): SessionType {
  return {
    id: item.id,
    name: item.name,
    kind: item.kind,
    durationMinutes: item.durationMinutes,
    modality: item.modality,
    ...(item.description ? { description: item.description } : {}),
    ...(item.hidden ? { hidden: true } : {}),
    ...(item.repeat ? { repeat: { everyWeeks: [...item.repeat.everyWeeks].map(Number), maxCount: Number(item.repeat.maxCount) } } : {}),
    // Absent means everyone / no approval: a type stored before issue 14 keeps booking as it did.
    ...(item.audience && item.audience !== 'everyone' ? { audience: item.audience } : {}),
    ...(item.approval && item.approval !== 'none' ? { approval: item.approval } : {}),
  };
}

/** The configuration from the items of the therapist's partition after the day ledgers. */
function toConfiguration(items: Record<string, any>[]): TherapistConfiguration {
  const result: TherapistConfiguration = { sessionTypes: [], overrides: [], timeOff: [], externalBusy: busyOfItems(items) };
  let stored: Omit<WeeklySchedule, 'timeZone'> & { timeZone?: string } | undefined;
  for (const item of items) {
    const sk = item.SK as string;
    if (sk === 'PROFILE') result.therapist = toTherapist(item);
    else if (sk === 'SCHEDULE') stored = item.schedule;
    else if (sk.startsWith('SESSIONTYPE#')) result.sessionTypes.push(toSessionType(item));
    else if (sk.startsWith('OVERRIDE#')) result.overrides.push({ date: item.date, intervals: item.intervals });
    else if (sk.startsWith('TIMEOFF#')) result.timeOff.push({ id: item.id, start: item.start, end: item.end, ...(item.label ? { label: item.label } : {}) });
  }
  // The profile's zone is the therapist's one zone; a schedule stored before that carried its own.
  const timeZone = result.therapist?.timeZone ?? stored?.timeZone;
  if (stored && timeZone) result.schedule = { ...stored, timeZone };
  return result;
}
