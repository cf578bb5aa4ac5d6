import { round2 } from './amounts.js';
import { addDays, addMonths } from './dates.js';
import type { MonthRevenue } from './types.js';

/** What the month series needs of one counted invoice: its day and its signed, unrounded figures. */
export interface MonthInput {
  /** `YYYY-MM-DD`, the same day that placed the invoice in the period. */
  day: string;
  recurring: number;
  nonRecurring: number;
  tax: number;
}

/** The period's figures as reported (already rounded); each month column sums to these exactly. */
export interface MonthTargets {
  recurring: number;
  non_recurring: number;
  tax: number;
}

interface MonthBucket {
  month: string;
  from: string;
  to: string;
  recurring: number;
  nonRecurring: number;
  tax: number;
  invoiceCount: number;
}

/**
 * The period's calendar months, first to last, each clipped to the period: 2025-06-16..2026-06-15
 * gives 13 months, 2025-06 from the 16th and 2026-06 up to the 15th. Months without invoices are
 * kept (with zeros), so a chart's axis has no gaps.
 */
function monthsOf(from: string, to: string): MonthBucket[] {
  const buckets: MonthBucket[] = [];
  let first = `${from.slice(0, 7)}-01`;
  while (first <= to) {
    const next = addMonths(first, 1);
    const last = addDays(next, -1);
    buckets.push({
      month: first.slice(0, 7),
      from: first < from ? from : first,
      to: last > to ? to : last,
      recurring: 0,
      nonRecurring: 0,
      tax: 0,
      invoiceCount: 0,
    });
    first = next;
  }
  return buckets;
}

/** Float noise below a millionth of a cent is dropped before cents are counted. */
function centsOf(value: number): number {
  return Math.round(value * 100 * 1e6) / 1e6;
}

/**
 * Rounds each value to the cent so that the rounded values add up to `target` exactly (the
 * largest-remainder method): every value is first rounded down, then the cents still missing go
 * one each to the values with the largest dropped fraction, earlier months first on a tie.
 */
export function apportionCents(values: number[], target: number): number[] {
  const exact = values.map(centsOf);
  const floors = exact.map(Math.floor);
  let missing = Math.round(target * 100) - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((cents, index) => ({ index, fraction: centsOf((cents - floors[index]!) / 100) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  // `missing` is within [0, values.length] when target is the rounded sum; the loop also settles
  // any other target (negative cents are taken from the smallest fractions).
  for (let i = 0; missing !== 0 && order.length > 0; i = (i + 1) % order.length) {
    const slot = missing > 0 ? order[i]! : order[order.length - 1 - i]!;
    floors[slot.index]! += Math.sign(missing);
    missing -= Math.sign(missing);
  }
  return floors.map((cents) => round2(cents / 100));
}

/**
 * Per-month invoiced figures (docs/revenue.md, "Per month"): invoices grouped by the calendar
 * month of their invoice day, ex-tax, with tax apart. Built from the invoices the period already
 * counted, so it costs no extra read, and rounded so that each column sums to the period figure.
 */
export function monthSeries(
  period: { from: string; to: string },
  invoices: MonthInput[],
  targets: MonthTargets,
): MonthRevenue[] {
  const buckets = monthsOf(period.from, period.to);
  const byMonth = new Map(buckets.map((bucket) => [bucket.month, bucket]));
  for (const invoice of invoices) {
    const bucket = byMonth.get(invoice.day.slice(0, 7));
    if (!bucket) continue;
    bucket.recurring += invoice.recurring;
    bucket.nonRecurring += invoice.nonRecurring;
    bucket.tax += invoice.tax;
    bucket.invoiceCount += 1;
  }
  const recurring = apportionCents(
    buckets.map((b) => b.recurring),
    targets.recurring,
  );
  const nonRecurring = apportionCents(
    buckets.map((b) => b.nonRecurring),
    targets.non_recurring,
  );
  const tax = apportionCents(
    buckets.map((b) => b.tax),
    targets.tax,
  );
  return buckets.map((bucket, i) => ({
    month: bucket.month,
    from: bucket.from,
    to: bucket.to,
    recurring: recurring[i]!,
    non_recurring: nonRecurring[i]!,
    tax: tax[i]!,
    invoice_count: bucket.invoiceCount,
  }));
}
