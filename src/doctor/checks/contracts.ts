import type { CheckResult } from '../types.js';
import { assumption, isRow, listShape, plural, type Row, unknown } from './shape.js';

const charged = (value: unknown): boolean => typeof value === 'number' && value !== 0;

/** The contract read in detail: one without a periodchargeamount if any (the case in question), else the first. */
export function contractToRead(listBody: unknown): number | undefined {
  const rows = listShape(listBody, 'contracts').rows;
  const pick = rows.find((row) => !charged(row.periodchargeamount)) ?? rows[0];
  return typeof pick?.id === 'number' ? pick.id : undefined;
}

/** `periodchargeamount` (what the tools read) against `costperperiod` (detail only; docs/halo-api.md §8.5). */
export function chargeCheck(listBody: unknown, detailBody: unknown): CheckResult {
  const rows = listShape(listBody, 'contracts').rows;
  const base = {
    id: 'contracts.charge',
    title: 'Contract charge: periodchargeamount vs costperperiod',
    expected: 'periodchargeamount carries the charge; costperperiod is not set without it',
    relied: true,
    revenue: true,
    meaning:
      'Contracts whose price is only in costperperiod: revenue_breakdown counts them at 0 and names each in a warning. Check what costperperiod means on your tenant.',
  } as const;
  if (rows.length === 0) return unknown({ ...base, observed: 'no contracts' });
  const listCharged = rows.filter((row) => charged(row.periodchargeamount)).length;
  const detail: Row | undefined = isRow(detailBody) ? detailBody : undefined;
  const observedList = `periodchargeamount non-zero on ${listCharged} of ${plural(rows.length, 'list row')}`;
  if (detail === undefined) return unknown({ ...base, observed: `${observedList}; no detail read` });
  const pca = charged(detail.periodchargeamount);
  const cpp = charged(detail.costperperiod);
  const keys = ['periodchargeamount', 'costperperiod'].filter((key) => detail[key] !== undefined);
  const observed = `${observedList}; detail keys: ${keys.join(', ') || 'neither'}; periodchargeamount ${pca ? 'non-zero' : 'zero/absent'}, costperperiod ${cpp ? 'non-zero' : 'zero/absent'}`;
  return assumption({ ...base, status: cpp && !pca ? 'DIFFERS' : 'OK', observed });
}
