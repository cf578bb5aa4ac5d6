import { describe, expect, it } from 'vitest';
import {
  BILLING_PERIOD_NAMES,
  everyDivisor,
  monthlyValue,
  parseBillingPeriod,
  readPeriod,
} from '../../src/revenue/period.js';
import {
  BILLING_PERIODS as GENERATED,
  UNKNOWN_BILLING_PERIOD,
} from '../../src/simulator/generate/billing-periods.js';

function monthlyOf(text: string, amount: number, every = 1): number | null {
  const period = parseBillingPeriod(text);
  return period ? monthlyValue(amount, period, every) : null;
}

describe('billing periods', () => {
  it('uses the simulator generator spellings as canonical names', () => {
    expect(BILLING_PERIOD_NAMES).toEqual([
      'Weekly',
      'Fortnightly',
      'Monthly',
      'Quarterly',
      'Six Monthly',
      'Yearly',
      'Two Yearly',
      'Three Yearly',
    ]);
  });

  it('reads every period the simulator generator writes, and not its unknown one', () => {
    for (const period of GENERATED) expect(parseBillingPeriod(period.name)?.name).toBe(period.name);
    expect(parseBillingPeriod(UNKNOWN_BILLING_PERIOD.name)).toBeNull();
  });

  it('normalises every period kind to a month', () => {
    expect(monthlyOf('Weekly', 12)).toBeCloseTo(52, 10); // 12 x 52 / 12
    expect(monthlyOf('Fortnightly', 12)).toBeCloseTo(26, 10); // 12 x 26 / 12
    expect(monthlyOf('Monthly', 12)).toBe(12);
    expect(monthlyOf('Quarterly', 12)).toBeCloseTo(4, 10); // 12 / 3
    expect(monthlyOf('Six Monthly', 12)).toBeCloseTo(2, 10); // 12 / 6
    expect(monthlyOf('Yearly', 12)).toBeCloseTo(1, 10); // 12 / 12
    expect(monthlyOf('Two Yearly', 12)).toBeCloseTo(0.5, 10); // 12 / 24
    expect(monthlyOf('Three Yearly', 36)).toBeCloseTo(1, 10); // 36 / 36
  });

  it('reads spellings regardless of case, spaces, hyphens and underscores', () => {
    for (const text of [
      'six monthly',
      'Six-Monthly',
      'SIX_MONTHLY',
      'Half Yearly',
      'half-yearly',
      'Semi-Annually',
    ]) {
      expect(parseBillingPeriod(text)?.name, text).toBe('Six Monthly');
    }
    expect(parseBillingPeriod('Annually')?.name).toBe('Yearly');
    expect(parseBillingPeriod('  Annual ')?.name).toBe('Yearly');
    expect(parseBillingPeriod('Biennial')?.name).toBe('Two Yearly');
    expect(parseBillingPeriod('three-yearly')?.name).toBe('Three Yearly');
    expect(parseBillingPeriod('Triennially')?.name).toBe('Three Yearly');
  });

  it('refuses spellings that could mean two different periods', () => {
    for (const text of ['Bi-Annually', 'Biannual', 'Bi-weekly', 'Bimonthly', 'Daily', '', 'None']) {
      expect(parseBillingPeriod(text), text).toBeNull();
    }
  });

  it('divides further by an every-N multiplier', () => {
    expect(monthlyOf('Monthly', 90, 3)).toBe(30);
    expect(monthlyOf('Weekly', 24, 2)).toBeCloseTo(52, 10); // 24 x 52 / 12 / 2
    expect(everyDivisor(1)).toBe(1);
    expect(everyDivisor(0)).toBe(1);
    expect(everyDivisor(-2)).toBe(1);
    expect(everyDivisor(1.5)).toBe(1);
    expect(everyDivisor(null)).toBe(1);
    expect(everyDivisor(undefined)).toBe(1);
  });

  it('never reads a numeric period code, and says why', () => {
    expect(readPeriod(undefined, 2)).toEqual({
      period: null,
      label: null,
      reason: 'it has no period name, only the numeric period 2, whose meaning in Halo is unverified',
    });
    expect(readPeriod('Fortnightly', 2)).toMatchObject({
      label: 'Fortnightly',
      period: { name: 'Fortnightly' },
    });
    expect(readPeriod('Bi-Annually', 2)).toEqual({
      period: null,
      label: 'Bi-Annually',
      reason: 'its period "Bi-Annually" is not understood',
    });
    expect(readPeriod('  ', null)).toEqual({ period: null, label: null, reason: 'it has no period' });
  });
});
