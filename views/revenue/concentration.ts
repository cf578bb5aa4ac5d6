import type { Breakdown, Portfolio } from '../common/revenue-types.js';

export interface RankedClient {
  rank: number;
  id: number;
  name: string;
  recurring: number;
  nonRecurring: number;
  total: number;
  /** Share of the currency's portfolio total held by this client and every client above it. */
  cumulativeShare: number | null;
}

export interface Concentration {
  currency: string | null;
  total: number;
  clients: RankedClient[];
  /** Share of the top 1, 5 and 10 clients; null where fewer clients are shown than the rank. */
  top: Array<{ size: number; share: number | null }>;
}

const TOP_SIZES = [1, 5, 10];

function sectionOf(row: Breakdown, currency: string | null) {
  return row.byCurrency.find((figures) => figures.currency === currency);
}

/**
 * Clients ranked by what they were invoiced in one currency, with the cumulative share of that
 * currency's portfolio total (over every client, not only the rows shown). Shares are only as
 * complete as the rows: a top-10 share needs 10 rows, or all the clients there are.
 */
export function concentrationOf(portfolio: Portfolio, currency: string | null): Concentration {
  const totals = portfolio.totals.find((t) => t.currency === currency);
  const total = totals?.total ?? 0;
  const ranked = portfolio.rows
    .map((row) => ({ row, figures: sectionOf(row, currency) }))
    .filter((entry) => entry.figures !== undefined && entry.figures.invoiceCount > 0)
    .sort((a, b) => b.figures!.total - a.figures!.total || a.row.client.id - b.row.client.id);
  let running = 0;
  const clients = ranked.map(({ row, figures }, index): RankedClient => {
    running += figures!.total;
    return {
      rank: index + 1,
      id: row.client.id,
      name: row.client.name,
      recurring: figures!.recurring,
      nonRecurring: figures!.nonRecurring,
      total: figures!.total,
      cumulativeShare: total > 0 ? running / total : null,
    };
  });
  const everyone = !portfolio.truncated || clients.length >= (totals?.clientCount ?? 0);
  const top = TOP_SIZES.map((size) => {
    const within = clients[Math.min(size, clients.length) - 1];
    const known = clients.length >= size || everyone;
    return { size, share: within && known ? within.cumulativeShare : null };
  });
  return { currency, total, clients, top };
}
