import { describe, expect, it } from 'vitest';
import type { Breakdown, Portfolio } from '../../views/common/revenue-types.js';
import { concentrationOf } from '../../views/revenue/concentration.js';
import { sortWarnings } from '../../views/revenue/warnings.js';

// The views' own arithmetic and sorting, on hand-worked figures (the rest of a view is drawing,
// checked in Chromium by views-browser.test.ts).

function row(id: number, currency: string, total: number, recurring = 0): Breakdown {
  return {
    client: { id, name: `Client ${id}` },
    currency,
    contracted: { currency, mrr: 0, arr: 0, unknownCount: 0 },
    byCurrency: [
      {
        currency,
        recurring,
        recurringSplit: {},
        nonRecurring: total - recurring,
        nonRecurringSplit: {},
        total,
        tax: 0,
        recurringShare: null,
        invoiceCount: 1,
        creditNoteCount: 0,
      },
    ],
    warnings: [],
  };
}

function portfolio(rows: Breakdown[], totals: Array<[string, number, number]>, truncated = false): Portfolio {
  return {
    period: { from: '2026-01-01', to: '2026-12-31' },
    currency: null,
    totalClients: totals.reduce((n, [, , clients]) => n + clients, 0),
    clientsConsidered: 99,
    limit: rows.length,
    truncated,
    totals: totals.map(([currency, total, clientCount]) => ({
      ...row(0, currency, total).byCurrency[0]!,
      clientCount,
      mrr: 0,
      arr: 0,
    })),
    rows,
    warnings: [],
  };
}

describe('portfolio concentration', () => {
  it('ranks one currency by total and gives the top 1, 5 and 10 shares of its whole total', () => {
    // 6 GBP clients: 400, 300, 100, 100, 50, 50 = 1000; a EUR client is left out of the GBP ranking
    const rows = [row(1, 'GBP', 100), row(2, 'GBP', 400, 100), row(3, 'EUR', 999), row(4, 'GBP', 300)];
    rows.push(row(5, 'GBP', 100), row(6, 'GBP', 50), row(7, 'GBP', 50));
    const result = concentrationOf(
      portfolio(rows, [
        ['EUR', 999, 1],
        ['GBP', 1000, 6],
      ]),
      'GBP',
    );
    expect(result.clients.map((c) => [c.rank, c.id, c.total])).toEqual([
      [1, 2, 400],
      [2, 4, 300],
      [3, 1, 100],
      [4, 5, 100],
      [5, 6, 50],
      [6, 7, 50],
    ]);
    expect(result.clients.map((c) => c.cumulativeShare)).toEqual([0.4, 0.7, 0.8, 0.9, 0.95, 1]);
    // every client is shown, so the top 10 is all of them
    expect(result.top).toEqual([
      { size: 1, share: 0.4 },
      { size: 5, share: 0.95 },
      { size: 10, share: 1 },
    ]);
  });

  it('gives no top-10 share when rows were cut before the tenth client', () => {
    const rows = [row(1, 'GBP', 500), row(2, 'GBP', 300), row(3, 'GBP', 100)];
    const result = concentrationOf(portfolio(rows, [['GBP', 1000, 12]], true), 'GBP');
    expect(result.top).toEqual([
      { size: 1, share: 0.5 },
      { size: 5, share: null },
      { size: 10, share: null },
    ]);
    // shares are of the whole portfolio total, not of the rows shown
    expect(result.clients.at(-1)?.cumulativeShare).toBe(0.9);
  });
});

describe('warnings beside their figures', () => {
  it('puts run-rate, currency and invoice sentences with MRR, the currency figures and the invoiced figures', () => {
    const runRate = [
      'Template -110 ("Pen test") cannot be normalised to a month because its period "Bi-Annually" is not understood; it is listed with monthly_value null and left out of mrr.',
      'Contract 204 ("PHONES") charges 250 per period but cannot be normalised to a month; it is left out of mrr.',
      '3 recurring items have an unknown monthly value and are left out of mrr: Template -110 ("Pen test").',
    ];
    const currency = [
      'Invoices in the period use more than one currency (EUR and GBP); totals are given per currency in by_currency and invoiced is null.',
    ];
    const invoiced = [
      'Invoice 304 ("INV-304") was read without lines; classified whole by the invoice header, net = total minus tax.',
    ];
    expect(sortWarnings([...invoiced, ...runRate, ...currency])).toEqual({ runRate, currency, invoiced });
  });
});
