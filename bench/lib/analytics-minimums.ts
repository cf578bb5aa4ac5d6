import { billingPeriodOn, hasBlockHours, lastDays, renewalCandidates } from '../../src/analytics/index.js';
import { defaultPeriod, isContractActive } from '../../src/revenue/index.js';
import type { ToolArgs } from '../baseline/index.js';
import type { Minimum, Probe } from './minimums.js';

// The fewest requests the analytics tools can be answered in, given Halo's API: every collection in
// pages of 100, and actions one ticket at a time (Halo has no bulk action read), for the tickets
// that can hold an entry of the period.

const sum = (...parts: Array<[number, string]>): Minimum => ({
  requests: parts.reduce((n, [count]) => n + count, 0),
  reads: parts.map(([count, what]) => `${count} ${what}`).join(' + '),
});

const since = (rows: Array<{ lastactiondate?: string | null }>, from: string) =>
  rows.filter((t) => !t.lastactiondate || t.lastactiondate.slice(0, 10) >= from).length;

const dates = (column: string, p: { from: string; to: string }) => ({
  datesearch: column,
  startdate: `${p.from}T00:00:00`,
  enddate: `${p.to}T23:59:59`,
});

type Rule = (probe: Probe, args: ToolArgs) => Promise<Minimum>;

export const ANALYTICS_MINIMUMS: Record<string, Rule> = {
  unbilled_time: async (probe, args) => {
    const query = { client_id: args.client_id, billableonly: true, ready_for_invoicing: true };
    const candidates = (await probe.halo.list('tickets', query)).records;
    return sum(
      [await probe.pages('tickets', query), 'candidate ticket pages'],
      [
        since(candidates, defaultPeriod(probe.today).from),
        'action reads (one per candidate active in the period)',
      ],
    );
  },
  contract_renewals: async (probe) => {
    const contracts = (await probe.halo.list('contracts', { includeinactive: true })).records;
    const listed = renewalCandidates(contracts, probe.today, 90);
    const details = await Promise.all(
      listed.map((c) => probe.halo.getOne('contracts', c.contract.id, { includedetails: true })),
    );
    const block = details.filter(hasBlockHours);
    let actions = 0;
    for (const c of block) {
      const end = c.end_date?.slice(0, 10);
      const from = billingPeriodOn(c, end && end < probe.today ? end : probe.today)?.from ?? probe.today;
      actions += since((await probe.halo.list('tickets', { contract_id: c.id })).records, from);
    }
    return sum(
      [await probe.pages('contracts', { includeinactive: true }), 'contract pages'],
      [listed.length, 'details of listed contracts (term, period text, block hours)'],
      [
        listed.length > 0 ? await probe.pages('recurringInvoices', { includelines: true }) : 0,
        'template pages',
      ],
      [block.length, 'ticket reads of block-hour contracts'],
      [actions, 'action reads'],
    );
  },
  sla_performance: async (probe, args) =>
    sum(
      [
        await probe.pages('tickets', {
          client_id: args.client_id,
          ...dates('dateoccured', lastDays(probe.today, 90)),
        }),
        'pages of tickets opened',
      ],
      [await probe.pages('tickets', { client_id: args.client_id, open_only: true }), 'pages of open tickets'],
    ),
  receivables_aging: async (probe) =>
    sum([
      await probe.pages('invoices', {
        includeinvoices: true,
        includecredits: true,
        includepoinvoices: false,
      }),
      'invoice pages',
    ]),
  client_overview: async (probe, args) => {
    const client = { client_id: args.client_id };
    const period = lastDays(probe.today, 90);
    const closed = (await probe.halo.list('tickets', { ...client, ...dates('datecleared', period) })).records;
    const open = (await probe.halo.list('tickets', { ...client, open_only: true })).records;
    const contracts = (await probe.halo.list('contracts', { ...client, includeinactive: true })).records;
    return sum(
      [1, 'client'],
      [await probe.pages('tickets', { ...client, ...dates('dateoccured', period) }), 'opened pages'],
      [await probe.pages('tickets', { ...client, ...dates('datecleared', period) }), 'closed pages'],
      [await probe.pages('tickets', { ...client, open_only: true }), 'open pages'],
      [new Set([...closed, ...open].map((t) => t.id)).size, 'action reads'],
      [await probe.pages('recurringInvoices', client), 'template pages'],
      [await probe.pages('contracts', { ...client, includeinactive: true }), 'contract pages'],
      [contracts.filter((c) => isContractActive(c, probe.today)).length, 'active contract details'],
      [await probe.pages('invoices', client), 'invoice pages'],
      [await probe.pages('assets', client), 'asset pages'],
      [1, 'agents'],
    );
  },
};
