import type { HaloAction, HaloContract } from '../halo/types.js';
import { parseBillingPeriod } from '../revenue/index.js';
import { addDays, addMonths, dayOf, type Period, positive, positiveId, round2 } from './common.js';
import { isBillable, isTimeEntry } from './unbilled-time.js';

// Block hours and prepay of a contract (docs/analytics.md §2): hours included per period, hours
// used in the current billing period, overage, and Halo's own prepay balance.

export interface BlockHours {
  includedHours: number | null;
  /** null when the current billing period cannot be told. */
  usedHours: number | null;
  overageHours: number | null;
  currentPeriod: Period | null;
  /** `contract_prepaybalance` as Halo states it. */
  prepayBalance: number | null;
}

/** A contract with an hours allowance or a prepay balance (detail fields). */
export function hasBlockHours(contract: HaloContract): boolean {
  return positive(contract.chargehoursperperiod) !== null || hasPrepayBalance(contract);
}

function hasPrepayBalance(contract: HaloContract): boolean {
  return typeof contract.contract_prepaybalance === 'number' && contract.contract_prepaybalance !== 0;
}

/**
 * The billing period holding `day`: Halo's own current period when the detail lists one (`periods`,
 * `current`), else stepped from the start date by the period its text names; null when neither.
 */
export function billingPeriodOn(contract: HaloContract, day: string, timeZone = 'UTC'): Period | null {
  const listed = (contract.periods ?? []).find((p) => {
    const from = dayOf(p.start_date, timeZone);
    const to = dayOf(p.end_date, timeZone);
    return from !== null && to !== null && from <= day && day <= to;
  });
  if (listed) return { from: dayOf(listed.start_date, timeZone)!, to: dayOf(listed.end_date, timeZone)! };
  const start = dayOf(contract.start_date, timeZone);
  const period = parseBillingPeriod(contract.billing_period_string);
  if (start === null || period === null || start > day) return null;
  const step = (from: string, n: number) =>
    period.name === 'Weekly'
      ? addDays(from, 7 * n)
      : period.name === 'Fortnightly'
        ? addDays(from, 14 * n)
        : addMonths(from, n * Math.round(1 / period.perMonth));
  let n = 0;
  while (step(start, n + 1) <= day) n++;
  return { from: step(start, n), to: addDays(step(start, n + 1), -1) };
}

/**
 * Block-hour figures on `day` (today, or a lapsed contract's last day). `actions` are time entries
 * of any contract; those billed to this one (`action_contract_id`) inside the period count.
 */
export function blockHoursOf(
  contract: HaloContract,
  actions: readonly HaloAction[],
  day: string,
  warnings: string[],
  timeZone = 'UTC',
): BlockHours | null {
  if (!hasBlockHours(contract)) return null;
  const included = positive(contract.chargehoursperperiod);
  const period = billingPeriodOn(contract, day, timeZone);
  let used: number | null = null;
  if (period === null) {
    warnings.push(
      `Contract ${contract.id} ("${contract.ref ?? ''}"): its current billing period cannot be told (no current period and no readable billing_period_string), so hours used are unknown.`,
    );
  } else {
    used = 0;
    for (const action of actions) {
      if (
        positiveId(action.action_contract_id) !== contract.id ||
        !isTimeEntry(action) ||
        !isBillable(action)
      )
        continue;
      const date = dayOf(action.datetime, timeZone);
      if (date !== null && date >= period.from && date <= period.to) used += action.actionchargehours ?? 0;
    }
  }
  const overage = used !== null && included !== null ? Math.max(0, used - included) : null;
  return {
    includedHours: included,
    usedHours: used === null ? null : round2(used),
    overageHours: overage === null ? null : round2(overage),
    currentPeriod: period,
    prepayBalance: hasPrepayBalance(contract) ? (contract.contract_prepaybalance ?? null) : null,
  };
}
