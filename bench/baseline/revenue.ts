import type { QueryParams } from '../../src/halo/resources.js';
import type { HaloClient, HaloContract, HaloInvoice } from '../../src/halo/types.js';
import { computeClientRevenue, computePortfolio, resolvePeriod } from '../../src/revenue/index.js';
import { fingerprint, type NaiveContext } from './naive.js';
import type { NaiveTool, Structured, ToolArgs } from './tool.js';

// The same revenue core as the tool, fed the naive way: each list read for ids, then every
// template, contract and invoice read again by id for its lines and details.

function periodOf(ctx: NaiveContext, args: ToolArgs) {
  const period = resolvePeriod({ today: ctx.today, from: args.from as string, to: args.to as string });
  if ('error' in period) throw new Error(period.error);
  return period;
}

const inPeriod = (p: { from: string; to: string }): QueryParams => ({
  invoicedatestart: `${p.from}T00:00:00.000Z`,
  invoicedateend: `${p.to}T23:59:59.999Z`,
});

interface Records {
  templates: HaloInvoice[];
  contracts: HaloContract[];
  invoices: HaloInvoice[];
}

/** Lists each collection, then GETs every record in it. */
async function readRecords(ctx: NaiveContext, filter: QueryParams, period: { from: string; to: string }) {
  const [templates, contracts, invoices] = await Promise.all([
    ctx.halo.list('recurringInvoices', filter),
    ctx.halo.list('contracts', { ...filter, includeinactive: true }),
    ctx.halo.list('invoices', { ...filter, ...inPeriod(period) }),
  ]);
  const details = { includedetails: true };
  const [t, c, i] = await Promise.all([
    ctx.each(templates.records, (r) => ctx.halo.getOne('recurringInvoices', r.id, details)),
    ctx.each(contracts.records, (r) => ctx.halo.getOne('contracts', r.id, details)),
    ctx.each(invoices.records, (r) => ctx.halo.getOne('invoices', r.id, details)),
  ]);
  return { templates: t, contracts: c, invoices: i } satisfies Records;
}

export const revenueClient: NaiveTool = {
  recipe: "GET client; its templates, contracts and period's invoices, then GET each of them",
  async run(ctx, args) {
    const period = periodOf(ctx, args);
    const client = await ctx.halo.getOne('clients', Number(args.client_id));
    const records = await readRecords(ctx, { client_id: client.id }, period);
    const result = computeClientRevenue({ client, ...records, ...period, today: ctx.today });
    return fingerprint({
      mrr: result.contracted.mrr,
      invoiced: result.by_currency.map((s) => `${s.currency}:${s.total}:${s.invoice_count}`),
    });
  },
  ours: ({ revenueBreakdown: { client } }: Structured) =>
    fingerprint({
      mrr: client.contracted.mrr,
      invoiced: client.byCurrency.map((s: Structured) => `${s.currency}:${s.total}:${s.invoiceCount}`),
    }),
};

function groupByClient<T extends { client_id?: number | null }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    if (row.client_id == null || row.client_id <= 0) continue;
    groups.set(row.client_id, [...(groups.get(row.client_id) ?? []), row]);
  }
  return groups;
}

const totalsPrint = (
  totals: Array<{ currency: string | null; clients: number; mrr: number; total: number; n: number }>,
) => totals.map((t) => `${t.currency}:${t.clients}:${Math.round(t.mrr)}:${Math.round(t.total)}:${t.n}`);

export const revenuePortfolio: NaiveTool = {
  recipe:
    "every client, template, contract and period's invoice listed, then GET each template, contract and invoice",
  async run(ctx, args) {
    const period = periodOf(ctx, args);
    const [clients, records] = await Promise.all([
      ctx.halo.list('clients', { includeactive: true, includeinactive: true }),
      readRecords(ctx, {}, period),
    ]);
    const byClient = {
      templates: groupByClient(records.templates),
      contracts: groupByClient(records.contracts),
      invoices: groupByClient(records.invoices),
    };
    const inputs = clients.records.map((client: HaloClient) => ({
      client,
      templates: byClient.templates.get(client.id) ?? [],
      contracts: byClient.contracts.get(client.id) ?? [],
      invoices: byClient.invoices.get(client.id) ?? [],
      ...period,
      today: ctx.today,
    }));
    const portfolio = computePortfolio(inputs, Number(args.limit ?? 25));
    return fingerprint({
      clients: portfolio.total_clients,
      totals: totalsPrint(
        portfolio.totals.map((t) => ({
          currency: t.currency,
          clients: t.client_count,
          mrr: t.mrr,
          total: t.total,
          n: t.invoice_count,
        })),
      ),
    });
  },
  ours: ({ revenueBreakdown: { portfolio } }: Structured) =>
    fingerprint({
      clients: portfolio.totalClients,
      totals: totalsPrint(
        portfolio.totals.map((t: Structured) => ({
          currency: t.currency,
          clients: t.clientCount,
          mrr: t.mrr,
          total: t.total,
          n: t.invoiceCount,
        })),
      ),
    }),
};
