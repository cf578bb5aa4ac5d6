import { describe, expect, it } from 'vitest';
import {
  addDays,
  blockHoursOf,
  computeReceivables,
  computeSlaPerformance,
  dayOf,
  hasBlockHours,
  isBillable,
  isUninvoiced,
  renewalCandidates,
} from '../../src/analytics/index.js';
import { normalise } from '../../src/halo/normalise.js';
import type { HaloTicket } from '../../src/halo/types.js';
import { type DatasetSize, generateDataset } from '../../src/simulator/generate/index.js';

// Every generated tenant holds a case for every analytics rule (docs/analytics.md), whatever the
// seed, so a demo or a benchmark never meets an empty section.

const TODAY = '2026-06-30';
const closed = (t: HaloTicket) => t.status_id === 8 || t.status_id === 9;

function casesOf(size: DatasetSize, seed: number): Record<string, boolean> {
  const wire = generateDataset({ size, seed, today: TODAY });
  const d = normalise<typeof wire>(JSON.parse(JSON.stringify(wire)));
  const billable = d.actions.filter(isBillable);
  const endIn = (days: number) => addDays(TODAY, days);
  const active = d.contracts.filter((c) => c.active);
  const renewals = renewalCandidates(d.contracts, TODAY, 90);
  const ended = d.contracts.filter((c) => {
    const end = dayOf(c.end_date);
    return end !== null && end < TODAY && end >= endIn(-30);
  });
  const blocks = d.contracts
    .filter(hasBlockHours)
    .map((c) => {
      const end = dayOf(c.end_date);
      return blockHoursOf(c, d.actions, end !== null && end < TODAY ? end : TODAY, []);
    })
    .filter((b) => b !== null && b.usedHours !== null && b.includedHours !== null);
  const period = { from: endIn(-89), to: TODAY };
  const sla = computeSlaPerformance({
    opened: d.tickets.filter((t) => (dayOf(t.dateoccurred) ?? '') >= period.from),
    open: d.tickets.filter((t) => !closed(t)),
    period,
    now: `${TODAY}T00:00:00.000Z`,
    groupBy: null,
    atRiskHours: 24,
    limit: 0,
    isClosed: closed,
  });
  const aging = computeReceivables({ invoices: d.invoices, today: TODAY, limit: 1 });
  const bucketed = (key: 'notDue' | 'days1To30' | 'days31To60' | 'days61To90' | 'over90') =>
    aging.totals.some((t) => t.buckets[key] > 0);
  return {
    invoicedTime: billable.some((a) => !isUninvoiced(a)),
    unbilledTime: billable.some((a) => isUninvoiced(a) && !(a.actionprepayhours ?? 0)),
    prepayTime: billable.some((a) => (a.actionprepayhours ?? 0) > 0),
    endingInside: renewals.some((r) => r.state === 'ending'),
    endingOutside: active.some((c) => dayOf(c.end_date) === null || dayOf(c.end_date)! > endIn(90)),
    lapsedAlone: renewals.some((r) => r.state === 'lapsed'),
    lapsedRenewed: ended.some((c) => !renewals.some((r) => r.contract.id === c.id)),
    overAllowance: blocks.some((b) => b!.usedHours! > b!.includedHours!),
    underAllowance: blocks.some((b) => b!.usedHours! < b!.includedHours!),
    slaMet: sla.overall.resolution.met > 0 && sla.overall.response.met > 0,
    slaBreached: sla.overall.resolution.breached > 0,
    slaNoTarget: sla.overall.excludedCount > 0,
    atRisk: sla.atRiskCount > 0,
    partPaid: aging.totals.some((t) => t.partPaidCount > 0),
    notDue: bucketed('notDue'),
    overdue1To30: bucketed('days1To30'),
    overdue31To60: bucketed('days31To60'),
    overdue61To90: bucketed('days61To90'),
    overdueOver90: bucketed('over90'),
    agentWithCost: d.agents.some((a) => (a.costprice ?? 0) > 0),
    agentWithoutCost: d.agents.some((a) => a.id !== 1 && !(a.costprice ?? 0)),
  };
}

describe('generated tenants', () => {
  it.each([
    ['tiny', 1],
    ['tiny', 2],
    ['tiny', 42],
    ['demo', 1],
  ] as const)('hold every analytics case (%s, seed %i)', (size, seed) => {
    const cases = casesOf(size, seed);
    const missing = Object.entries(cases)
      .filter(([, held]) => !held)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});
