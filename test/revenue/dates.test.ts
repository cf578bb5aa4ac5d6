import { describe, expect, it } from 'vitest';
import { checkDay, checkPeriod, dayOf, defaultPeriod, resolvePeriod } from '../../src/revenue/dates.js';

describe('revenue dates', () => {
  it('defaults to the 12 months ending today, both ends included', () => {
    expect(defaultPeriod('2026-11-24')).toEqual({ from: '2025-11-25', to: '2026-11-24' });
    expect(defaultPeriod('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(defaultPeriod('2026-01-01')).toEqual({ from: '2025-01-02', to: '2026-01-01' });
  });

  it('clamps month ends when going back a year', () => {
    // 2024-02-29 - 12 months = 2023-02-28 (no 29th), + 1 day
    expect(defaultPeriod('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    // 2025-03-31 - 12 months = 2024-03-31, + 1 day
    expect(defaultPeriod('2025-03-31')).toEqual({ from: '2024-04-01', to: '2025-03-31' });
  });

  it('rejects malformed and impossible days with a clear message', () => {
    expect(checkDay('2026-02-28', 'from')).toBeNull();
    expect(checkDay('2024-02-29', 'from')).toBeNull();
    expect(checkDay('2026-02-29', 'from')).toBe(
      'from must be a calendar date written YYYY-MM-DD (got "2026-02-29").',
    );
    expect(checkDay('2026-13-01', 'to')).not.toBeNull();
    expect(checkDay('2026-04-31', 'to')).not.toBeNull();
    expect(checkDay('26-01-01', 'to')).not.toBeNull();
    expect(checkDay('2026-01-01T00:00:00Z', 'to')).not.toBeNull();
  });

  it('rejects a period that ends before it starts', () => {
    expect(checkPeriod('2026-01-01', '2026-01-01')).toBeNull();
    expect(checkPeriod('2026-01-02', '2026-01-01')).toBe(
      'from (2026-01-02) must not be after to (2026-01-01).',
    );
    expect(checkPeriod('bad', '2026-01-01')).toBe(
      'from must be a calendar date written YYYY-MM-DD (got "bad").',
    );
  });

  it('fills in missing ends from today', () => {
    expect(resolvePeriod({ today: '2026-06-15' })).toEqual({ from: '2025-06-16', to: '2026-06-15' });
    expect(resolvePeriod({ to: '2025-12-31', today: '2026-06-15' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(resolvePeriod({ from: '2026-01-01', today: '2026-06-15' })).toEqual({
      from: '2026-01-01',
      to: '2026-06-15',
    });
    expect(resolvePeriod({ from: '2026-07-01', today: '2026-06-15' })).toEqual({
      error: 'from (2026-07-01) must not be after to (2026-06-15).',
    });
    expect(resolvePeriod({ from: null, to: null, today: 'nope' })).toHaveProperty('error');
  });

  it('reads the UTC day of a normalised datetime', () => {
    expect(dayOf('2026-06-15T23:30:00Z')).toBe('2026-06-15');
    expect(dayOf('2026-06-15')).toBe('2026-06-15');
    expect(dayOf(null)).toBeNull();
    expect(dayOf(undefined)).toBeNull();
    expect(dayOf('garbage')).toBeNull();
  });
});
