import {
  computeClientOverview,
  computeContractRenewals,
  computeReceivables,
  computeSlaPerformance,
  computeUnbilledTime,
  hasBlockHours,
  lastDays,
} from '../../src/analytics/index.js';
import type { HaloAction, HaloTicket } from '../../src/halo/types.js';
import { defaultPeriod } from '../../src/revenue/index.js';
import { fingerprint, getById, type NaiveContext } from './naive.js';
import type { NaiveTool, Structured, ToolArgs } from './tool.js';

// The same analytics cores as the tools, fed the naive way: every list read whole without Halo's
// narrowing filters, every record the answer names read again by id, each section on its own.

const closed = (t: HaloTicket) => t.status_id === 8 || t.status_id === 9;
const day = (value: string | null | undefined) => value?.slice(0, 10) ?? '';

async function actionsByTicket(ctx: NaiveContext, tickets: readonly HaloTicket[]) {
  const lists = await ctx.each(tickets, (t) =>
    ctx.halo.list('actions', { ticket_id: t.id }).then((r) => r.records),
  );
  const map = new Map<number, HaloAction[]>(tickets.map((t, i) => [t.id, lists[i]!]));
  return (id: number) => map.get(id) ?? [];
}

const unbilledPrint = (t: { hours: number; value: number; entryCount: number }) =>
  fingerprint({ hours: t.hours, value: t.value, entries: t.entryCount });

export const unbilledTime: NaiveTool = {
  recipe: "client's tickets (all pages, no billing filter), actions of each, GET ticket and agent per entry",
  async run(ctx, args) {
    const tickets = (await ctx.halo.list('tickets', { client_id: args.client_id })).records;
    const actionsOf = await actionsByTicket(ctx, tickets);
    const result = computeUnbilledTime({
      tickets,
      actionsOf,
      period: defaultPeriod(ctx.today),
      today: ctx.today,
      clientLimit: 25,
      largestLimit: 10,
    });
    await ctx.each(result.largest, async (e) => {
      await getById(ctx.halo, 'tickets', e.ticketId);
      await getById(ctx.halo, 'agents', e.agentId);
    });
    return unbilledPrint(result.totals);
  },
  ours: ({ unbilledTime: u }: Structured) => unbilledPrint(u.totals),
};

export const contractRenewals: NaiveTool = {
  recipe: 'contracts, then GET each; templates, then GET each; block contracts: tickets, actions of each',
  async run(ctx) {
    const list = (await ctx.halo.list('contracts', { includeinactive: true })).records;
    const contracts = await ctx.each(list, (c) =>
      ctx.halo.getOne('contracts', c.id, { includedetails: true }),
    );
    const templateRows = (await ctx.halo.list('recurringInvoices', {})).records;
    const templates = await ctx.each(templateRows, (t) =>
      ctx.halo.getOne('recurringInvoices', t.id, { includedetails: true }),
    );
    const block = contracts.filter((c) => hasBlockHours(c) && c.active);
    const tickets = (
      await ctx.each(block, (c) => ctx.halo.list('tickets', { contract_id: c.id }).then((r) => r.records))
    ).flat();
    const actionsOf = await actionsByTicket(ctx, tickets);
    const result = computeContractRenewals({
      contracts,
      templates,
      actions: tickets.flatMap((t) => actionsOf(t.id)),
      today: ctx.today,
      days: 90,
      limit: 50,
    });
    return fingerprint({ ids: result.renewals.map((r) => r.id), mrr: result.totals.map((t) => t.endingMrr) });
  },
  ours: ({ contractRenewals: r }: Structured) =>
    fingerprint({
      ids: r.renewals.map((x: Structured) => x.id),
      mrr: r.totals.map((t: Structured) => t.endingMrr),
    }),
};

const slaPrint = (o: Structured) =>
  fingerprint({ n: o.ticketCount, r: o.response.compliance, f: o.resolution.compliance });

export const slaPerformance: NaiveTool = {
  recipe: "client's tickets (all pages, no date filter), then GET each one opened in the period (SLA detail)",
  async run(ctx, args) {
    const period = lastDays(ctx.today, 90);
    const all = (await ctx.halo.list('tickets', { client_id: args.client_id })).records;
    const inPeriod = all.filter(
      (t) => day(t.dateoccurred) >= period.from && day(t.dateoccurred) <= period.to,
    );
    const opened = await ctx.each(inPeriod, (t) =>
      ctx.halo.getOne('tickets', t.id, { includedetails: true }),
    );
    const result = computeSlaPerformance({
      opened,
      open: all.filter((t) => !closed(t)),
      period,
      now: `${ctx.today}T00:00:00.000Z`,
      groupBy: null,
      atRiskHours: 24,
      limit: 25,
      isClosed: closed,
    });
    return slaPrint(result.overall);
  },
  ours: ({ slaPerformance: s }: Structured) => slaPrint(s.overall),
};

const agingPrint = (totals: Structured[]) =>
  fingerprint({ due: totals.map((t) => `${t.currency}:${t.totalDue}:${t.invoiceCount}`) });

export const receivablesAging: NaiveTool = {
  recipe: 'every invoice (all pages), then GET the client of each open invoice',
  async run(ctx) {
    const invoices = (
      await ctx.halo.list('invoices', {
        includeinvoices: true,
        includecredits: true,
        includepoinvoices: false,
      })
    ).records;
    const result = computeReceivables({ invoices, today: ctx.today, limit: 25 });
    const open = invoices.filter((i) => i.voided !== true && (i.amountdue ?? 0) > 0);
    await ctx.each(open, (i) => getById(ctx.halo, 'clients', i.client_id));
    return agingPrint(result.totals);
  },
  ours: ({ receivablesAging: r }: Structured) => agingPrint(r.totals),
};

const overviewPrint = (o: Structured) =>
  fingerprint({
    opened: o.service.opened,
    mrr: o.money.mrr,
    unbilled: o.money.unbilled.hours,
    assets: o.estate.assetCount,
  });

export const clientOverview: NaiveTool = {
  recipe: 'each section on its own: its tickets, actions, contracts (GET each), templates, invoices, assets',
  async run(ctx, args: ToolArgs) {
    const clientId = Number(args.client_id);
    const period = lastDays(ctx.today, 90);
    const client = await ctx.halo.getOne('clients', clientId);
    const tickets = () => ctx.halo.list('tickets', { client_id: clientId }).then((r) => r.records);
    // Service and SLA.
    const all = await tickets();
    const opened = all.filter((t) => day(t.dateoccurred) >= period.from && day(t.dateoccurred) <= period.to);
    // Hours, unbilled time and labour each read the actions again.
    const worked = (await tickets()).filter((t) => !closed(t) || day(t.dateclosed) >= period.from);
    const actionsOf = await actionsByTicket(ctx, worked);
    await actionsByTicket(ctx, worked);
    await actionsByTicket(ctx, worked);
    const agents = (await ctx.halo.list('agents', {})).records;
    const contractRows = (await ctx.halo.list('contracts', { client_id: clientId, includeinactive: true }))
      .records;
    const contracts = await ctx.each(contractRows, (c) =>
      ctx.halo.getOne('contracts', c.id, { includedetails: true }),
    );
    const templateRows = (await ctx.halo.list('recurringInvoices', { client_id: clientId })).records;
    const templates = await ctx.each(templateRows, (t) =>
      ctx.halo.getOne('recurringInvoices', t.id, { includedetails: true }),
    );
    const invoiceRows = (await ctx.halo.list('invoices', { client_id: clientId })).records;
    const invoices = await ctx.each(invoiceRows, (i) =>
      ctx.halo.getOne('invoices', i.id, { includedetails: true }),
    );
    await ctx.halo.list('invoices', { client_id: clientId });
    const assets = (await ctx.halo.list('assets', { client_id: clientId })).records;
    const result = computeClientOverview({
      client,
      period,
      today: ctx.today,
      now: `${ctx.today}T00:00:00.000Z`,
      opened,
      closed: all.filter((t) => closed(t) && day(t.dateclosed) >= period.from),
      open: all.filter((t) => !closed(t)),
      worked,
      actionsOf,
      isClosed: closed,
      templates,
      contracts,
      invoices,
      assets,
      agents,
    });
    return overviewPrint(result);
  },
  ours: ({ clientOverview: o }: Structured) => overviewPrint(o),
};
