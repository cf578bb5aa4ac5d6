import { describe, expect, it } from 'vitest';
import {
  ageBucket,
  billingPeriodOn,
  computeClientOverview,
  computeContractRenewals,
  computeReceivables,
  computeSlaPerformance,
  computeUnbilledTime,
  dueBucket,
  isBillable,
  isUninvoiced,
  renewalCandidates,
  resolutionVerdict,
  responseVerdict,
} from '../../src/analytics/index.js';
import { normalise } from '../../src/halo/normalise.js';
import type { HaloAction, HaloContract, HaloInvoice, HaloTicket } from '../../src/halo/types.js';
import * as expected from './expected.js';
import * as wire from './fixture.js';

// The pure cores over the same hand-built fixture as the end-to-end test (normalised as the client
// would hand it over), plus the edges of each rule. Figures are worked out in expected.ts.

const data = normalise<ReturnType<typeof wire.dataset>>(JSON.parse(JSON.stringify(wire.dataset())));
const byTicket = new Map<number, HaloAction[]>();
for (const a of data.actions) byTicket.set(a.ticket_id, [...(byTicket.get(a.ticket_id) ?? []), a]);
const actionsOf = (id: number) => byTicket.get(id) ?? [];
const closed = (t: HaloTicket) => t.status_id === 9;
const today = wire.TODAY;

describe('unbilled time core', () => {
  it('computes the fixture figures', () => {
    const result = computeUnbilledTime({
      tickets: data.tickets.filter((t) => t.id !== 302),
      actionsOf,
      period: { from: '2025-06-16', to: today },
      today,
      clientLimit: 25,
      largestLimit: 10,
    });
    const { largest, ticketsExamined, ...rest } = result;
    const { largest: want, ticketsExamined: _, ...wantRest } = expected.unbilledAll;
    expect(rest).toEqual(wantRest);
    expect(largest.map((e) => [e.ticketId, e.actionId, e.value, e.valueSource])).toEqual(want);
    expect(ticketsExamined).toBe(9);
  });

  it('counts billable time only when charged and not marked unbillable, unbilled only without invoice', () => {
    const base = { id: 1, ticket_id: 1, actionchargehours: 1 } as HaloAction;
    expect(isBillable(base)).toBe(true);
    expect(isBillable({ ...base, actisbillable: false })).toBe(false);
    expect(isBillable({ ...base, actionchargehours: 0, timetaken: 2 })).toBe(false);
    expect(isUninvoiced(base)).toBe(true);
    expect(isUninvoiced({ ...base, actioninvoicenumber: '  ' })).toBe(true);
    expect(isUninvoiced({ ...base, actioninvoicenumber: 'INV-1' })).toBe(false);
    expect(isUninvoiced({ ...base, invoice_id: 7 })).toBe(false);
    expect(isUninvoiced({ ...base, invoice_id: null })).toBe(true);
  });

  it('ages 30 days as 0-30 and 31 as 31-60, up to over 90', () => {
    expect([0, 30, 31, 60, 61, 90, 91].map(ageBucket)).toEqual([
      'days0To30',
      'days0To30',
      'days31To60',
      'days31To60',
      'days61To90',
      'days61To90',
      'over90',
    ]);
  });
});

describe('SLA core', () => {
  const now = wire.NOW;
  const t = (fields: Partial<HaloTicket>) => ({ id: 1, ...fields }) as HaloTicket;

  it('judges response by the target, and an unanswered ticket only once the target has passed', () => {
    expect(
      responseVerdict(
        t({ respondbydate: '2026-06-14T10:00:00Z', responsedate: '2026-06-14T10:00:00Z' }),
        now,
      ),
    ).toBe('met');
    expect(
      responseVerdict(
        t({ respondbydate: '2026-06-14T10:00:00Z', responsedate: '2026-06-14T10:00:01Z' }),
        now,
      ),
    ).toBe('breached');
    expect(responseVerdict(t({ respondbydate: '2026-06-14T10:00:00Z' }), now)).toBe('breached');
    expect(responseVerdict(t({ respondbydate: '2026-06-15T10:00:00Z' }), now)).toBe('pending');
    expect(responseVerdict(t({}), now)).toBe('no_target');
  });

  it('judges resolution by the close date, or by now while open', () => {
    const target = { fixbydate: '2026-06-10T00:00:00Z' };
    expect(resolutionVerdict(t({ ...target, dateclosed: '2026-06-09T00:00:00Z' }), true, now)).toBe('met');
    expect(resolutionVerdict(t({ ...target, dateclosed: '2026-06-11T00:00:00Z' }), true, now)).toBe(
      'breached',
    );
    expect(resolutionVerdict(t(target), false, now)).toBe('breached');
    expect(resolutionVerdict(t({ fixbydate: '2026-06-16T00:00:00Z' }), false, now)).toBe('pending');
    expect(resolutionVerdict(t({}), true, now)).toBe('no_target');
  });

  it('computes the fixture figures by team', () => {
    const period = { from: '2026-03-18', to: today };
    const opened = data.tickets.filter((x) => (x.dateoccurred ?? '').slice(0, 10) >= period.from);
    const result = computeSlaPerformance({
      opened,
      open: data.tickets.filter((x) => !closed(x)),
      period,
      now,
      groupBy: 'team',
      atRiskHours: 24,
      limit: 25,
      isClosed: closed,
    });
    expect(result.overall).toEqual(expected.slaOverall);
    expect(result.groups.map((g) => ({ ...g, key: String(g.key) }))).toEqual(expected.slaByTeam);
    expect(result.atRisk.map((r) => r.ticketId)).toEqual([101, 307]);
    expect(result.disagreements).toBe(1);
  });
});

describe('renewals core', () => {
  it('lists ending and lapsed contracts by end date with their value and block hours', () => {
    const result = computeContractRenewals({
      contracts: data.contracts,
      templates: data.recurringInvoices,
      actions: data.actions,
      today,
      days: 90,
      limit: 50,
    });
    const upper = (r: (typeof result.renewals)[number]) => ({
      ...r,
      state: r.state.toUpperCase(),
      term: r.term?.toUpperCase() ?? null,
    });
    expect(result.renewals.map(upper)).toEqual(expected.renewals.map((r) => expect.objectContaining(r)));
    expect(result.totals).toEqual(expected.renewalTotals);
  });

  it('treats a contract starting on the day another ends as its successor, and one starting earlier as not', () => {
    const c = (id: number, start: string, end: string | null) =>
      ({
        id,
        client_id: 9,
        start_date: `${start}T00:00:00Z`,
        end_date: end && `${end}T00:00:00Z`,
      }) as HaloContract;
    const ended = c(1, '2025-06-06', '2026-06-05');
    expect(renewalCandidates([ended, c(2, '2026-06-05', null)], today, 90)).toEqual([]);
    expect(renewalCandidates([ended, c(2, '2026-06-04', null)], today, 90).map((x) => x.state)).toEqual([
      'lapsed',
    ]);
    // Ended 31 days ago: past the lapsed window.
    expect(renewalCandidates([c(1, '2025-05-15', '2026-05-15')], today, 90)).toEqual([]);
  });

  it('warns when Halo still marks a lapsed contract active', () => {
    const contract = {
      id: 5,
      ref: 'X',
      client_id: 9,
      active: true,
      start_date: '2025-06-06T00:00:00Z',
      end_date: '2026-06-05T00:00:00Z',
    };
    const result = computeContractRenewals({
      contracts: [contract],
      templates: [],
      actions: [],
      today,
      days: 90,
      limit: 5,
    });
    expect(result.renewals[0]?.state).toBe('lapsed');
    expect(result.warnings).toContain(
      'Contract 5 ("X") ended on 2026-06-05 but Halo still marks it active; it is listed as lapsed by its end date.',
    );
  });

  it('steps billing periods from the start date when Halo lists none', () => {
    const contract = {
      id: 1,
      start_date: '2025-06-06T00:00:00Z',
      billing_period_string: 'Monthly',
    } as HaloContract;
    expect(billingPeriodOn(contract, '2026-06-05')).toEqual({ from: '2026-05-06', to: '2026-06-05' });
    expect(billingPeriodOn(contract, '2026-06-06')).toEqual({ from: '2026-06-06', to: '2026-07-05' });
    expect(billingPeriodOn({ ...contract, billing_period_string: 'Quarterly' }, '2026-06-05')).toEqual({
      from: '2026-03-06',
      to: '2026-06-05',
    });
    expect(billingPeriodOn({ ...contract, billing_period_string: 'Bi-annually' }, '2026-06-05')).toBeNull();
  });
});

describe('receivables core', () => {
  it('buckets by days past due: due today is not yet due, the next day is 1-30', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91].map(dueBucket)).toEqual([
      'notDue',
      'notDue',
      'days1To30',
      'days1To30',
      'days31To60',
      'days31To60',
      'days61To90',
      'days61To90',
      'over90',
    ]);
  });

  it('computes the fixture figures, credit notes apart and currencies never added', () => {
    const result = computeReceivables({ invoices: data.invoices, today, limit: 25 });
    expect(result.clients.map(({ clientName: _, ...row }) => row)).toEqual(expected.receivableRows);
    expect(result.totals).toEqual(expected.receivableTotals);
  });

  it('reads what is due from total minus paid when Halo gives no amountdue', () => {
    const invoice = {
      id: 1,
      client_id: 1,
      currency: 'GBP',
      total: 120,
      amountpaid: 20,
      duedate: '2026-06-14T00:00:00Z',
    } as HaloInvoice;
    expect(computeReceivables({ invoices: [invoice], today, limit: 5 }).totals[0]).toMatchObject({
      totalDue: 100,
      partPaidCount: 1,
      buckets: { days1To30: 100 },
    });
  });
});

describe('client overview core', () => {
  const acme = (agents = data.agents) => {
    const period = { from: '2026-03-18', to: today };
    const mine = data.tickets.filter((t) => t.client_id === 1);
    return computeClientOverview({
      client: data.clients[0]!,
      period,
      today,
      now: wire.NOW,
      opened: mine.filter((t) => (t.dateoccurred ?? '').slice(0, 10) >= period.from),
      closed: mine.filter((t) => closed(t) && (t.dateclosed ?? '').slice(0, 10) >= period.from),
      open: mine.filter((t) => !closed(t)),
      worked: mine,
      actionsOf,
      isClosed: closed,
      templates: data.recurringInvoices,
      contracts: data.contracts.filter((c) => c.client_id === 1),
      invoices: data.invoices.filter((i) => i.client_id === 1),
      assets: data.assets,
      agents,
    });
  };

  it('computes the fixture figures for Acme', () => {
    const overview = acme();
    expect(overview.service).toEqual(expected.acmeOverview.service);
    expect(overview.money).toMatchObject(expected.acmeOverview.money);
    expect(overview.estate).toEqual(expected.acmeOverview.estate);
    expect(overview.labour).toEqual(expected.acmeOverview.labour);
  });

  it('gives labour cost without margin when some hours have no cost price', () => {
    const agents = data.agents.map((a) => (a.id === 12 ? { ...a, costprice: undefined } : a));
    const overview = acme(agents);
    // Alice's 8.5 h x 40 only; Bob's 5.5 h uncosted.
    expect(overview.labour).toMatchObject({ cost: 340, uncostedHours: 5.5, margin: null, marginShare: null });
    expect(overview.warnings).toContain(
      '5.5 hour(s) were logged by agents without a costprice; labour cost covers the others only and margin is not given.',
    );
  });
});
