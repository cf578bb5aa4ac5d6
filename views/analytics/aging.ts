import { numberCell } from '../common/blocks.js';
import type { AgeSlot } from '../common/chart.js';
import { money } from '../common/format.js';
import type { Buckets } from './types.js';

/** The age buckets in order, with their column labels and colour slots. */
export const AGE_BUCKETS: Array<{ key: keyof Buckets; label: string; slot: AgeSlot }> = [
  { key: 'notDue', label: 'Not yet due', slot: 'age-0' },
  { key: 'days1To30', label: '1–30 days', slot: 'age-1' },
  { key: 'days31To60', label: '31–60 days', slot: 'age-2' },
  { key: 'days61To90', label: '61–90 days', slot: 'age-3' },
  { key: 'over90', label: 'Over 90 days', slot: 'age-4' },
];

export const bucketColumns = AGE_BUCKETS.map((b) => ({ label: b.label, numeric: true }));

export function bucketCells(buckets: Buckets) {
  return AGE_BUCKETS.map((b) => numberCell(buckets[b.key], money(buckets[b.key])));
}

/** Overdue: every bucket past the due date. */
export function overdueOf(buckets: Buckets): number {
  return (
    Math.round((buckets.days1To30 + buckets.days31To60 + buckets.days61To90 + buckets.over90) * 100) / 100
  );
}
