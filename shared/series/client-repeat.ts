import type { SessionType } from '../domain/therapist';
import { validationFailed } from '../errors/domain-errors';

/**
 * Whether a client may book this series of a session type: its `repeat` lists the intervals and
 * the most occurrences a client may choose (API.md). A value the type does not allow is a 400 with
 * the field's path, as a value outside the schema is: the client asked for something that cannot be
 * booked at any time, unlike a taken slot (409).
 */
export function checkClientRepeat(sessionType: Pick<SessionType, 'repeat'>, repeat: { everyWeeks: number; count: number }): void {
  const allowed = sessionType.repeat;
  if (!allowed) {
    throw validationFailed('This session type cannot be booked as a series.', [{ path: 'repeat', message: 'is not offered for this session type' }]);
  }
  if (!allowed.everyWeeks.includes(repeat.everyWeeks)) {
    const weeks = [...allowed.everyWeeks].sort((a, b) => a - b).join(', ');
    throw validationFailed('This session type cannot repeat at that interval.', [{ path: 'repeat.everyWeeks', message: `must be one of ${weeks}` }]);
  }
  if (repeat.count > allowed.maxCount) {
    throw validationFailed('This session type cannot repeat that many times.', [{ path: 'repeat.count', message: `must be at most ${allowed.maxCount}` }]);
  }
}
