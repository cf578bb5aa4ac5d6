import { round2, sum } from './amounts.js';
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

function invoicedTotal(row: ClientRevenue): number {
  return sum(row.by_currency.map((section) => section.total));
}

/** Largest first by invoiced total (all currencies added), then mrr, then name and id. */
function byRevenue(a: ClientRevenue, b: ClientRevenue): number {
  return (
    invoicedTotal(b) - invoicedTotal(a) ||
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

/**
 * Per-currency totals over every row. They add the rows' ROUNDED figures so that a reader adding
 * up the rows gets exactly the totals; each sum is rounded again only to shed float noise.
 */
function totalsOf(rows: ClientRevenue[]): PortfolioTotals[] {
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

/**
 * Portfolio mode: every client's breakdown in, the clients with revenue out, largest first, at
 * most `limit` of them; totals cover all clients with revenue, not only the rows shown.
 */
export function computePortfolio(rows: ClientRevenue[], limit: number): Portfolio {
  const shown = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
  const earning = rows.filter(hasRevenue).sort(byRevenue);
  const totals = totalsOf(earning);
  const warnings: string[] = [];
  if (totals.length > 1) {
    const names = totals.map((item) => item.currency ?? 'no currency');
    warnings.push(
      `Clients are billed in more than one currency (${listOf(names)}); totals are given per currency.`,
    );
  }
  return {
    period: rows[0]?.period ?? null,
    rows: earning.slice(0, shown),
    total_clients: earning.length,
    clients_considered: rows.length,
    limit: shown,
    truncated: earning.length > shown,
    currency: totals.length === 1 ? totals[0]!.currency : null,
    totals,
    warnings,
  };
}
