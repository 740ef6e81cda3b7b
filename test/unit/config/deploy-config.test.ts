import { readFileSync } from 'node:fs';
import { initialSettings, parseDeployConfig } from '../../../infra/aws/deploy-config';

/** The deploy-time choice of issue 14: a deployed practice verifies addresses unless it says otherwise. */
const example = () => JSON.parse(readFileSync('infra/aws/config/example.json', 'utf8')) as Record<string, unknown>;
const without = (config: Record<string, unknown>, ...names: string[]) => Object.fromEntries(Object.entries(config).filter(([k]) => !names.includes(k)));

test('absent, a deployed practice verifies every address, holds unverified bookings 30 minutes and requests 48 hours', () => {
  const config = parseDeployConfig(without(example(), 'verifyClientEmail', 'verificationMinutes', 'requestHoldHours'), 'practice.json');
  expect(initialSettings(config)).toMatchObject({ verifyClientEmail: 'always', verificationMinutes: 30, requestHoldHours: 48 });
});

test('the example names the defaults, and a practice may choose its own values', () => {
  expect(initialSettings(parseDeployConfig(example(), 'example.json'))).toMatchObject({ verifyClientEmail: 'always', verificationMinutes: 30, requestHoldHours: 48 });
  const chosen = parseDeployConfig({ ...example(), verifyClientEmail: 'off', verificationMinutes: 5, requestHoldHours: 720 }, 'practice.json');
  expect(initialSettings(chosen)).toMatchObject({ verifyClientEmail: 'off', verificationMinutes: 5, requestHoldHours: 720 });
});

test.each([
  [{ verifyClientEmail: 'sometimes' }, /verifyClientEmail/],
  [{ verifyClientEmail: true }, /verifyClientEmail/],
  [{ verificationMinutes: 4 }, /verificationMinutes/],
  [{ verificationMinutes: 1441 }, /verificationMinutes/],
  [{ verificationMinutes: 10.5 }, /verificationMinutes/],
  [{ requestHoldHours: 0 }, /requestHoldHours/],
  [{ requestHoldHours: 721 }, /requestHoldHours/],
])('a value the console could not save is refused at synth, naming the field: %j', (change, field) => {
  expect(() => parseDeployConfig({ ...example(), ...change }, 'practice.json')).toThrow(field);
});
