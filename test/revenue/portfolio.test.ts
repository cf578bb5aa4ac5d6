import { describe, expect, it } from 'vitest';
import { computeClientRevenue } from '../../src/revenue/compute.js';
import { computePortfolio } from '../../src/revenue/portfolio.js';
import type { ClientRevenue, PortfolioTotals } from '../../src/revenue/types.js';
import { clients, expectedPortfolio, inputFor } from './fixture.js';

const inputs = clients.map((client) => inputFor(client.id));
const rows = inputs.map(computeClientRevenue);

/** Per currency, the sums a reader would get by adding up every client's own figures. */
function sumsOfRows(all: ClientRevenue[], currency: string | null) {
  let mrr = 0;
  let total = 0;
  let tax = 0;
  let recurring = 0;
  let invoices = 0;
  for (const row of all) {
    if (row.contracted.currency === currency) mrr += row.contracted.mrr;
    for (const section of row.by_currency.filter((s) => s.currency === currency)) {
      total += section.total;
      tax += section.tax;
      recurring += section.recurring;
      invoices += section.invoice_count;
    }
  }
  const cents = (value: number) => Math.round(value * 100) / 100;
  return { mrr: cents(mrr), total: cents(total), tax: cents(tax), recurring: cents(recurring), invoices };
}

describe('portfolio', () => {
  it('lists clients with revenue, largest invoiced total first', () => {
    const portfolio = computePortfolio(inputs, 10);
    expect(portfolio.rows.map((row) => row.client.id)).toEqual(expectedPortfolio.order);
    expect(portfolio.total_clients).toBe(expectedPortfolio.total_clients);
    expect(portfolio.clients_considered).toBe(expectedPortfolio.clients_considered);
    expect(portfolio.truncated).toBe(false);
    expect(portfolio.period).toEqual({ from: '2025-06-16', to: '2026-06-15' });
  });

  it('truncates to the limit but totals every client with revenue', () => {
    const portfolio = computePortfolio(inputs, 2);
    expect(portfolio.rows.map((row) => row.client.id)).toEqual(expectedPortfolio.order.slice(0, 2));
    expect(portfolio.truncated).toBe(true);
    expect(portfolio.total_clients).toBe(4);
    expect(portfolio.limit).toBe(2);
    expect(portfolio.totals).toEqual(expectedPortfolio.totals);
    expect(portfolio.currency).toBeNull();
    expect(portfolio.warnings).toEqual([
      'Clients are billed in more than one currency (EUR, GBP and no currency); totals are given per currency and clients are ranked within their currency (in that order), never across currencies.',
    ]);
  });

  it('makes each currency total the sum of the per-client figures, within a cent per client', () => {
    const { totals } = computePortfolio(inputs, 1);
    for (const bucket of totals) {
      const sums = sumsOfRows(rows, bucket.currency);
      const got: Pick<PortfolioTotals, 'mrr' | 'total' | 'tax' | 'recurring' | 'invoice_count'> = bucket;
      const slack = 0.01 * bucket.client_count + 1e-9;
      expect(got.invoice_count).toBe(sums.invoices);
      for (const key of ['mrr', 'total', 'tax', 'recurring'] as const) {
        expect(Math.abs(got[key] - sums[key])).toBeLessThanOrEqual(slack);
      }
    }
  });

  it('sums totals on unrounded values, as revenue.md says, even where the rounded rows drift', () => {
    // three clients each at 1/3 a month per 1 unit: rows show 0.33 each, the total is 1.00 (not 0.99)
    const thirds = [1, 2, 3].map((id) => ({
      client: { id, name: `Client ${id}` },
      templates: [{ id, currency: 'GBP', periodname: 'Quarterly', lines: [{ id, net_total: 1 }] }],
      contracts: [],
      invoices: [],
      from: '2026-01-01',
      to: '2026-12-31',
      today: '2026-06-15',
    }));
    const portfolio = computePortfolio(thirds, 5);
    expect(portfolio.rows.map((row) => row.contracted.mrr)).toEqual([0.33, 0.33, 0.33]);
    expect(portfolio.totals).toHaveLength(1);
    expect(portfolio.totals[0]).toMatchObject({ currency: 'GBP', mrr: 1, arr: 12, client_count: 3 });
    expect(portfolio.currency).toBe('GBP');
    // equal invoiced totals and mrr: ordered by name
    expect(portfolio.rows.map((row) => row.client.name)).toEqual(['Client 1', 'Client 2', 'Client 3']);
  });

  it('returns no rows for a zero limit and nothing for no clients', () => {
    expect(computePortfolio(inputs, 0)).toMatchObject({ rows: [], truncated: true, total_clients: 4 });
    expect(computePortfolio([], 10)).toEqual({
      period: null,
      rows: [],
      total_clients: 0,
      clients_considered: 0,
      limit: 10,
      truncated: false,
      currency: null,
      totals: [],
      warnings: [],
    });
  });
});
