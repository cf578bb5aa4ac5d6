import { addMonths, DAY_MS } from './dates.js';

// The billing periods the simulator writes on recurring invoice templates (`periodname`, `period`,
// `schedule.period`) and on contracts (`billing_period_string`, `billingperiod`). Halo's numeric
// enumeration is unverified (docs/halo-api.md §3.6, §3.8): the numbers here are the simulator's
// own, consistent across templates and contracts, and consumers must read the names.

export interface BillingPeriodSpec {
  /** Halo's text, exactly as written to `periodname` / `billing_period_string`. */
  name: string;
  /** The simulator's numeric code for `period` / `billingperiod`. */
  period: number;
  /** Length of one period: whole months, or days for week-based periods. */
  months: number;
  days: number;
}

export const BILLING_PERIODS = [
  { name: 'Weekly', period: 1, months: 0, days: 7 },
  { name: 'Fortnightly', period: 2, months: 0, days: 14 },
  { name: 'Monthly', period: 3, months: 1, days: 0 },
  { name: 'Quarterly', period: 4, months: 3, days: 0 },
  { name: 'Six Monthly', period: 5, months: 6, days: 0 },
  { name: 'Yearly', period: 6, months: 12, days: 0 },
  { name: 'Two Yearly', period: 7, months: 24, days: 0 },
  { name: 'Three Yearly', period: 8, months: 36, days: 0 },
] as const satisfies readonly BillingPeriodSpec[];

export type BillingPeriodName = (typeof BILLING_PERIODS)[number]['name'];

/**
 * A period no consumer can read with certainty: text outside the table and a code outside the
 * table. The simulator still bills it (every 28 days) so invoices reference it.
 */
export const UNKNOWN_BILLING_PERIOD: BillingPeriodSpec = { name: 'Custom', period: 99, months: 0, days: 28 };

export function billingPeriod(name: BillingPeriodName): BillingPeriodSpec {
  const found = BILLING_PERIODS.find((period) => period.name === name);
  if (found === undefined) throw new Error(`unknown billing period ${name}`);
  return found;
}

/** The start of occurrence `index` of a schedule anchored at `anchor` running every `every` periods. */
export function occurrenceAt(
  anchor: number,
  period: BillingPeriodSpec,
  every: number,
  index: number,
): number {
  if (period.months > 0) return addMonths(anchor, period.months * every * index);
  return anchor + period.days * every * index * DAY_MS;
}

/** Occurrence starts in [from, to), in order. */
export function occurrencesBetween(
  anchor: number,
  period: BillingPeriodSpec,
  every: number,
  from: number,
  to: number,
): number[] {
  const starts: number[] = [];
  for (let index = 0; ; index++) {
    const start = occurrenceAt(anchor, period, every, index);
    if (start >= to) return starts;
    if (start >= from) starts.push(start);
  }
}

/** The first occurrence start at or after `instant`. */
export function nextOccurrence(
  anchor: number,
  period: BillingPeriodSpec,
  every: number,
  instant: number,
): number {
  for (let index = 0; ; index++) {
    const start = occurrenceAt(anchor, period, every, index);
    if (start >= instant) return start;
  }
}
