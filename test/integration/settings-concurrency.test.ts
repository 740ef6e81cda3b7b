import type { PracticeSettings } from '../../shared/domain/practice-settings';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { SettingsRepository } from '../../shared/store/settings-repository';
import { claimsFor } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { call } from '../support/route-handlers';

const admin = claimsFor('the-admin', 'admin');
beforeEach(() => useOwnPractice());
afterEach(backToSharedPractice);

const put = (body: Partial<PracticeSettings>) => call('putSettings', { claims: admin, body });
const stored = async () => (await call('getSettings', { claims: admin })).json.settings as PracticeSettings;
const plainRepository = () => new SettingsRepository(dependencies().db, dependencies().config.tableName);

/**
 * The settings repository of this table, except that each of the first `readers` reads waits
 * until all of them have read: the handlers then merge on the same state, whatever DynamoDB Local
 * and the event loop would otherwise serialise.
 */
function readingTogether(readers: number): SettingsRepository {
  const real = plainRepository();
  let arrived = 0;
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  return new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'get' && property !== 'read') return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        if (arrived < readers) {
          if (++arrived === readers) release();
          await allRead;
        }
        return result;
      };
    },
  });
}

describe('concurrent settings changes', () => {
  test('two changes to different fields that read the same settings both survive', async () => {
    overrideDependencies({ settings: readingTogether(2) });
    try {
      const [a, b] = await Promise.all([put({ practiceName: 'Changed by A' }), put({ lateCancellationHours: 48 })]);
      expect([a.status, b.status]).toEqual([200, 200]);
    } finally {
      overrideDependencies({ settings: plainRepository() });
    }
    expect(await stored()).toMatchObject({ practiceName: 'Changed by A', lateCancellationHours: 48 });
  });

  test('eight admins changing eight fields at once: every change is kept', async () => {
    const changes: Partial<PracticeSettings>[] = [
      { practiceName: 'Eight at once' },
      { senderName: 'Front desk' },
      { senderEmail: 'desk@practice.example' },
      { lateCancellationHours: 12 },
      { retentionDays: 90 },
      { cancellationPolicy: 'Cancel a day ahead, please.' },
      { address: '1 Main Street' },
      { videoUrl: 'https://video.practice.example/room' },
    ];
    const answers = await Promise.all(changes.map(put));
    expect(answers.map((r) => r.status)).toEqual(changes.map(() => 200));
    expect(await stored()).toMatchObject(Object.assign({}, ...changes));
  });

  test('if other changes keep landing between read and write, the answer is 409 and their changes stay', async () => {
    const real = plainRepository();
    let interloper = 0;
    // Another admin's change lands after every read of this request, so its write never finds the version it read.
    const raced = new Proxy(real, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== 'read') return typeof value === 'function' ? value.bind(target) : value;
        return async () => {
          const read = await target.read();
          await target.put({ ...(await target.get()), retentionDays: 100 + ++interloper });
          return read;
        };
      },
    });
    overrideDependencies({ settings: raced as SettingsRepository });
    try {
      const r = await put({ practiceName: 'Never written' });
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('conflict');
    } finally {
      overrideDependencies({ settings: real });
    }
    const after = await stored();
    expect(after.retentionDays).toBe(100 + interloper);
    expect(after.practiceName).not.toBe('Never written');
  });
});
