import type { HaloInvoice } from '../halo/types.js';
import { positiveId, round2 } from '../revenue/amounts.js';
import { addDays, addMonths, dayOf } from '../revenue/dates.js';

// Helpers every analytics figure shares: calendar-day arithmetic on `YYYY-MM-DD` strings, age
// buckets, and the money rule of docs/analytics.md (sums on unrounded values, rounded at the edge).

export { addDays, addMonths, dayOf, positiveId, round2 };

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A positive number, else null (Halo sends 0 and -1 for "none"). */
export function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export const AGE_BUCKETS = ['days0To30', 'days31To60', 'days61To90', 'over90'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** 0-30, 31-60, 61-90, over 90 days (ages below 0 count as 0-30). */
export function ageBucket(days: number): AgeBucket {
  if (days <= 30) return 'days0To30';
  if (days <= 60) return 'days31To60';
  if (days <= 90) return 'days61To90';
  return 'over90';
}

/** The instant a verdict such as "open and past its target" is judged at. */
export function isPast(instant: string, now: string): boolean {
  return Date.parse(instant) < Date.parse(now);
}

/**
 * A credit note: a negative total, or a link to the invoice it credits (shared revenue rules;
 * `invoicetype` never decides).
 */
export function isCreditNote(invoice: HaloInvoice): boolean {
  return (
    (typeof invoice.total === 'number' && invoice.total < 0) ||
    positiveId(invoice.creditlinkedtoinvoiceid) !== null
  );
}

/** The largest `limit` items by `key` (descending), ties kept in input order. */
export function largestBy<T>(items: readonly T[], key: (item: T) => number, limit: number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => key(b.item) - key(a.item) || a.index - b.index)
    .slice(0, limit)
    .map(({ item }) => item);
}

/** The `days` days ending on `today`, both ends included. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export interface Period {
  from: string;
  to: string;
}
