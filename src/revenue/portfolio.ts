import { round2, sum } from './amounts.js';
import { type ClientRevenueInput, computeClientRevenue } from './compute.js';
import { listOf } from './describe.js';
import { byCurrencyName } from './invoiced.js';
import type { ClientRevenue, Portfolio, PortfolioTotals } from './types.js';

/** Scheduled or invoiced money of any kind, including run-rate items of unknown value. */
export function hasRevenue(row: ClientRevenue): boolean {
  return (
    row.contracted.mrr !== 0 ||
    row.contracted.unknown_count > 0 ||
    row.by_currency.some((section) => section.invoice_count > 0)
  );
}

/**
 * The currency a client is ranked in: its invoices' largest section, else its run-rate's. Amounts
 * in different currencies are never compared with each other.
 */
export function rankCurrency(row: ClientRevenue): string | null {
  const invoiced = row.by_currency.filter((section) => section.invoice_count > 0);
  if (invoiced.length === 0) return row.contracted.currency;
  return [...invoiced].sort((a, b) => b.total - a.total || byCurrencyName(a.currency, b.currency))[0]!
    .currency;
}

function invoicedTotal(row: ClientRevenue, currency: string | null): number {
  return sum(
    row.by_currency.filter((section) => section.currency === currency).map((section) => section.total),
  );
}

/**
 * Per currency (by name, "no currency" last), then largest first by invoiced total in that
 * currency, then mrr, then name and id.
 */
function byRevenue(a: ClientRevenue, b: ClientRevenue): number {
  const currencyA = rankCurrency(a);
  const currencyB = rankCurrency(b);
  if (currencyA !== currencyB) return byCurrencyName(currencyA, currencyB);
  return (
    invoicedTotal(b, currencyB) - invoicedTotal(a, currencyA) ||
    b.contracted.mrr - a.contracted.mrr ||
    (a.client.name < b.client.name ? -1 : a.client.name > b.client.name ? 1 : 0) ||
    a.client.id - b.client.id
  );
}

function emptyTotals(currency: string | null): PortfolioTotals {
  return {
    currency,
    client_count: 0,
    mrr: 0,
    arr: 0,
    recurring: 0,
    recurring_split: { template: 0, contract: 0 },
    non_recurring: 0,
    non_recurring_split: { ticket: 0, item: 0, other: 0 },
    total: 0,
    tax: 0,
    recurring_share: null,
    invoice_count: 0,
    credit_note_count: 0,
  };
}

/** Per-currency buckets over every row: which clients and how many invoices fall in each. */
function bucketsOf(rows: ClientRevenue[]): PortfolioTotals[] {
  const buckets = new Map<string | null, PortfolioTotals>();
  const clientsIn = new Map<string | null, Set<number>>();
  const bucket = (currency: string | null, clientId: number) => {
    let totals = buckets.get(currency);
    if (!totals) {
      totals = emptyTotals(currency);
      buckets.set(currency, totals);
      clientsIn.set(currency, new Set());
    }
    clientsIn.get(currency)!.add(clientId);
    return totals;
  };
  for (const row of rows) {
    if (row.contracted.mrr !== 0) {
      const totals = bucket(row.contracted.currency, row.client.id);
      totals.mrr += row.contracted.mrr;
      totals.arr += row.contracted.arr;
    }
    for (const section of row.by_currency) {
      if (section.invoice_count === 0) continue;
      const totals = bucket(section.currency, row.client.id);
      totals.recurring += section.recurring;
      totals.recurring_split.template += section.recurring_split.template;
      totals.recurring_split.contract += section.recurring_split.contract;
      totals.non_recurring += section.non_recurring;
      totals.non_recurring_split.ticket += section.non_recurring_split.ticket;
      totals.non_recurring_split.item += section.non_recurring_split.item;
      totals.non_recurring_split.other += section.non_recurring_split.other;
      totals.total += section.total;
      totals.tax += section.tax;
      totals.invoice_count += section.invoice_count;
      totals.credit_note_count += section.credit_note_count;
    }
  }
  return [...buckets.values()]
    .sort((a, b) => byCurrencyName(a.currency, b.currency))
    .map((totals) => ({
      ...totals,
      client_count: clientsIn.get(totals.currency)!.size,
      mrr: round2(totals.mrr),
      arr: round2(totals.arr),
      recurring: round2(totals.recurring),
      recurring_split: {
        template: round2(totals.recurring_split.template),
        contract: round2(totals.recurring_split.contract),
      },
      non_recurring: round2(totals.non_recurring),
      non_recurring_split: {
        ticket: round2(totals.non_recurring_split.ticket),
        item: round2(totals.non_recurring_split.item),
        other: round2(totals.non_recurring_split.other),
      },
      total: round2(totals.total),
      tax: round2(totals.tax),
      recurring_share: round2(totals.total) === 0 ? null : round2(totals.recurring / totals.total),
    }));
}

interface Computed {
  input: ClientRevenueInput;
  row: ClientRevenue;
}

/**
 * Each currency's money summed on UNROUNDED values (docs/revenue.md §3): the core computes it
 * once over the merged records of the clients in that bucket and rounds at the edge. Each total is
 * then within half a cent per client of the sum of the (rounded) rows.
 */
function totalsOf(earning: Computed[]): PortfolioTotals[] {
  const merged = (parts: Computed[], kind: 'contracted' | 'invoiced') =>
    computeClientRevenue({
      ...parts[0]!.input,
      client: { id: 0, name: 'portfolio' },
      templates: kind === 'contracted' ? parts.flatMap(({ input }) => input.templates) : [],
      contracts: kind === 'contracted' ? parts.flatMap(({ input }) => input.contracts) : [],
      invoices: kind === 'invoiced' ? parts.flatMap(({ input }) => input.invoices) : [],
    });
  const invoiced = earning.length > 0 ? merged(earning, 'invoiced').by_currency : [];
  return bucketsOf(earning.map(({ row }) => row)).map((bucket): PortfolioTotals => {
    const exact = { ...bucket };
    const running = earning.filter(
      ({ row }) => row.contracted.mrr !== 0 && row.contracted.currency === bucket.currency,
    );
    if (running.length > 0) {
      const { mrr, arr } = merged(running, 'contracted').contracted;
      Object.assign(exact, { mrr, arr });
    }
    const section = invoiced.find((s) => s.currency === bucket.currency && s.invoice_count > 0);
    if (section) {
      const { currency: _c, largest: _l, invoice_count: _i, credit_note_count: _n, ...money } = section;
      Object.assign(exact, money);
    }
    return exact;
  });
}

/**
 * Portfolio mode: every client's records in, the clients with revenue out, largest first, at most
 * `limit` of them; totals cover all clients with revenue, not only the rows shown.
 */
export function computePortfolio(inputs: ClientRevenueInput[], limit: number): Portfolio {
  const shown = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
  const computed = inputs.map((input) => ({ input, row: computeClientRevenue(input) }));
  const earning = computed.filter(({ row }) => hasRevenue(row)).sort((a, b) => byRevenue(a.row, b.row));
  const totals = totalsOf(earning);
  const warnings: string[] = [];
  if (totals.length > 1) {
    const names = totals.map((item) => item.currency ?? 'no currency');
    warnings.push(
      `Clients are billed in more than one currency (${listOf(names)}); totals are given per currency and clients are ranked within their currency (in that order), never across currencies.`,
    );
  }
  return {
    period: computed[0]?.row.period ?? null,
    rows: earning.slice(0, shown).map(({ row }) => row),
    total_clients: earning.length,
    clients_considered: inputs.length,
    limit: shown,
    truncated: earning.length > shown,
    currency: totals.length === 1 ? totals[0]!.currency : null,
    totals,
    warnings,
  };
}
