import type { HaloAction, HaloContract, HaloInvoice } from '../halo/types.js';
import { computeContracted } from '../revenue/contracted.js';
import { isTemplateActive } from '../revenue/index.js';
import { type BlockHours, blockHoursOf } from './block-hours.js';
import { addDays, dayOf, daysBetween, positiveId, round2 } from './common.js';

// docs/analytics.md §2: contracts ending within the window or lapsed without a successor, the
// monthly value at risk (their run-rate contribution, revenue core §1), block hours.

export const LAPSED_LOOKBACK_DAYS = 30;

export type RenewalState = 'ending' | 'lapsed';

export interface Renewal {
  id: number;
  reference: string | null;
  clientId: number | null;
  clientName: string | null;
  type: string | null;
  startDate: string | null;
  endDate: string;
  daysLeft: number;
  state: RenewalState;
  /** 'rolling' or 'fixed' (`rollingcontract`); null when Halo does not say. */
  term: 'rolling' | 'fixed' | null;
  /** Run-rate contribution (contract + linked templates) today, or on a lapsed contract's last day. */
  monthlyValue: number;
  /** Linked templates or a charge whose monthly value is unknown (left out of monthlyValue). */
  unknownValueCount: number;
  currency: string | null;
  nextInvoiceDate: string | null;
  templateIds: number[];
  blockHours: BlockHours | null;
}

export interface RenewalTotal {
  currency: string | null;
  /** MRR of the contracts ending within the window (lapsed ones are apart). */
  endingMrr: number;
  lapsedMrr: number;
  endingCount: number;
  lapsedCount: number;
}

export interface ContractRenewals {
  today: string;
  days: number;
  window: { from: string; to: string };
  renewals: Renewal[];
  totalCount: number;
  truncated: boolean;
  totals: RenewalTotal[];
  warnings: string[];
}

export interface RenewalsInput {
  /** Every contract in scope (a client's, or all), detail fields merged where read. */
  contracts: readonly HaloContract[];
  /** Recurring invoice templates in scope (their `contract_id` links them). */
  templates: readonly HaloInvoice[];
  /** Time entries that may be billed to the listed contracts (for block hours). */
  actions: readonly HaloAction[];
  today: string;
  days: number;
  limit: number;
  timeZone?: string;
}

/** The contracts a renewal list shows, before anything is computed (for deciding what to read). */
export function renewalCandidates(
  contracts: readonly HaloContract[],
  today: string,
  days: number,
  timeZone = 'UTC',
): Array<{ contract: HaloContract; state: RenewalState; end: string }> {
  const windowEnd = addDays(today, days);
  const lapsedFrom = addDays(today, -LAPSED_LOOKBACK_DAYS);
  const out: Array<{ contract: HaloContract; state: RenewalState; end: string }> = [];
  for (const contract of contracts) {
    const end = dayOf(contract.end_date, timeZone);
    if (end === null) continue;
    const start = dayOf(contract.start_date, timeZone);
    if (end >= today && end <= windowEnd && (start === null || start <= today)) {
      out.push({ contract, state: 'ending', end });
    } else if (end < today && end >= lapsedFrom && !hasSuccessor(contract, end, contracts, timeZone)) {
      out.push({ contract, state: 'lapsed', end });
    }
  }
  return out.sort((a, b) => a.end.localeCompare(b.end) || a.contract.id - b.contract.id);
}

/** Another contract of the same client starting on or after this one's end. */
function hasSuccessor(
  contract: HaloContract,
  end: string,
  all: readonly HaloContract[],
  timeZone: string,
): boolean {
  const client = positiveId(contract.client_id);
  return all.some((other) => {
    if (other.id === contract.id || positiveId(other.client_id) !== client) return false;
    const start = dayOf(other.start_date, timeZone);
    return start !== null && start >= end;
  });
}

function termOf(contract: HaloContract): Renewal['term'] {
  if (contract.rollingcontract === true) return 'rolling';
  if (contract.rollingcontract === false) return 'fixed';
  return null;
}

export function computeContractRenewals(input: RenewalsInput): ContractRenewals {
  const { today, days } = input;
  const warnings: string[] = [];
  const tz = input.timeZone ?? 'UTC';
  const renewals = renewalCandidates(input.contracts, today, days, tz).map(({ contract, state, end }) => {
    // A lapsed contract's value at risk is what it added to the run-rate on its last day.
    const judgedOn = state === 'lapsed' ? end : today;
    const linked = input.templates.filter((t) => positiveId(t.contract_id) === contract.id);
    const contracted = computeContracted({
      templates: linked,
      contracts: [{ ...contract, active: true }],
      today: judgedOn,
      fallbackCurrency: null,
      warnings,
    });
    const nextTemplate = linked
      .filter((t) => isTemplateActive(t, today))
      .map((t) => dayOf(t.nextcreationdate, tz))
      .filter((d): d is string => d !== null && d >= today)
      .sort()[0];
    if (state === 'lapsed' && contract.active === true) {
      warnings.push(
        `Contract ${contract.id} ("${contract.ref ?? ''}") ended on ${end} but Halo still marks it active; it is listed as lapsed by its end date.`,
      );
    }
    const renewal: Renewal = {
      id: contract.id,
      reference: contract.ref ?? null,
      clientId: positiveId(contract.client_id),
      clientName: contract.client_name ?? null,
      type: contract.contracttype_name ?? null,
      startDate: dayOf(contract.start_date, tz),
      endDate: end,
      daysLeft: daysBetween(today, end),
      state,
      term: termOf(contract),
      monthlyValue: contracted.mrr,
      unknownValueCount: contracted.unknown_count,
      currency: contracted.currency,
      nextInvoiceDate:
        state === 'lapsed'
          ? null
          : (dayOf(contract.next_invoice_date, tz) ??
            dayOf(contract.periodicinvoicenextdate, tz) ??
            nextTemplate ??
            null),
      templateIds: linked.map((t) => t.id),
      blockHours: blockHoursOf(contract, input.actions, judgedOn, warnings, tz),
    };
    return renewal;
  });
  const totals = new Map<string | null, RenewalTotal>();
  for (const r of renewals) {
    const total = totals.get(r.currency) ?? {
      currency: r.currency,
      endingMrr: 0,
      lapsedMrr: 0,
      endingCount: 0,
      lapsedCount: 0,
    };
    if (r.state === 'ending') {
      total.endingMrr += r.monthlyValue;
      total.endingCount++;
    } else {
      total.lapsedMrr += r.monthlyValue;
      total.lapsedCount++;
    }
    totals.set(r.currency, total);
  }
  return {
    today,
    days,
    window: { from: today, to: addDays(today, days) },
    renewals: renewals.slice(0, input.limit),
    totalCount: renewals.length,
    truncated: renewals.length > input.limit,
    totals: [...totals.values()]
      .map((t) => ({ ...t, endingMrr: round2(t.endingMrr), lapsedMrr: round2(t.lapsedMrr) }))
      .sort((a, b) => (a.currency ?? '').localeCompare(b.currency ?? '')),
    warnings,
  };
}
