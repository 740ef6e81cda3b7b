import { VirtualClock } from '../../../infra/local/virtual-clock';

test('the virtual clock starts where it is set and runs on in real time', async () => {
  const clock = new VirtualClock(new Date('2030-01-01T00:00:00Z'));
  const first = clock.now().getTime();
  expect(first - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(1000);
  await new Promise((r) => setTimeout(r, 30));
  expect(clock.now().getTime()).toBeGreaterThanOrEqual(first + 25);
  clock.set(new Date('2029-06-01T12:00:00Z'));
  expect(Math.abs(clock.now().getTime() - Date.parse('2029-06-01T12:00:00Z'))).toBeLessThan(1000);
});
