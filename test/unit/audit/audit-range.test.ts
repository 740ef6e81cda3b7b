import { auditRange, MAX_AUDIT_RANGE_DAYS } from '../../../shared/audit/audit-range';
import { DomainError } from '../../../shared/errors/domain-errors';

const NOW = new Date('2027-03-15T12:00:00.000Z');
const refused = (query: { from?: string; to?: string }) => {
  try {
    auditRange(query, NOW);
  } catch (error) {
    return error instanceof DomainError ? [error.code, error.fields?.map((f) => f.path)] : error;
  }
  return 'accepted';
};

test('defaults: the 30 days up to just after now, so an entry written this millisecond is in', () => {
  expect(auditRange({}, NOW)).toEqual({ from: '2027-02-13T12:00:00.001Z', to: '2027-03-15T12:00:00.001Z' });
  expect(auditRange({ to: '2027-03-01T00:00:00Z' }, NOW)).toEqual({ from: '2027-01-30T00:00:00.000Z', to: '2027-03-01T00:00:00.000Z' });
});

test('a date is its UTC start as from and its whole UTC day as to; an offset instant is written in UTC', () => {
  expect(auditRange({ from: '2027-03-01', to: '2027-03-01' }, NOW)).toEqual({ from: '2027-03-01T00:00:00.000Z', to: '2027-03-02T00:00:00.000Z' });
  expect(auditRange({ from: '2027-03-01T01:30:00+02:00', to: '2027-03-01T12:00:00-05:00' }, NOW)).toEqual({ from: '2027-02-28T23:30:00.000Z', to: '2027-03-01T17:00:00.000Z' });
});

test('a reversed or empty range and one longer than 13 months are refused at their field', () => {
  expect(refused({ from: '2027-03-02', to: '2027-03-01' })).toEqual(['validation_failed', ['to']]);
  expect(refused({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T10:00:00Z' })).toEqual(['validation_failed', ['to']]);
  expect(MAX_AUDIT_RANGE_DAYS).toBe(397);
  expect(refused({ from: '2026-01-01', to: '2027-02-01' })).toBe('accepted'); // exactly 397 days
  expect(refused({ from: '2026-01-01', to: '2027-02-02' })).toEqual(['validation_failed', ['from']]);
});
