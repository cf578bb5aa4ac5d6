import { describe, expect, it } from 'vitest';
import type { HaloInvoice } from '../../src/halo/types.js';
import { computeClientRevenue } from '../../src/revenue/compute.js';
import { apportionCents, monthSeries } from '../../src/revenue/months.js';

const cents = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100);

describe('per-month invoiced series', () => {
  it('lists every month of the period, clipped to it, empty months included', () => {
    const months = monthSeries({ from: '2024-01-31', to: '2024-03-01' }, [], {
      recurring: 0,
      non_recurring: 0,
      tax: 0,
    });
    expect(months.map(({ month, from, to }) => [month, from, to])).toEqual([
      ['2024-01', '2024-01-31', '2024-01-31'],
      ['2024-02', '2024-02-01', '2024-02-29'],
      ['2024-03', '2024-03-01', '2024-03-01'],
    ]);
  });

  it('rounds months so they sum to the rounded period figure, largest remainder first', () => {
    // 0.005 + 0.005 + 0.005 = 0.015 -> 0.02; rounding each month alone would give 0.03.
    expect(apportionCents([0.005, 0.005, 0.005], 0.02)).toEqual([0.01, 0.01, 0]);
    // 10.004 + 20.004 + 30.004 = 60.012 -> 60.01: one cent missing after rounding down, ties go to the earliest.
    expect(apportionCents([10.004, 20.004, 30.004], 60.01)).toEqual([10.01, 20, 30]);
    // 1/3 each of 1.00: 0.333... three times; the first month takes the missing cent.
    expect(apportionCents([1 / 3, 1 / 3, 1 / 3], 1)).toEqual([0.34, 0.33, 0.33]);
    // credit notes make months negative: -0.015 + 0.03 = 0.015 -> 0.02
    expect(apportionCents([-0.015, 0.03], 0.02)).toEqual([-0.01, 0.03]);
  });

  it('sums to the period totals to the cent on awkward amounts', () => {
    const invoice = (id: number, day: string, net: number): HaloInvoice => ({
      id,
      client_id: 1,
      currency: 'GBP',
      invoice_date: `${day}T00:00:00Z`,
      total: net * 1.2,
      tax_total: net * 0.2,
      lines: [{ id: id * 10, ticket_id: 5, net_amount: net }],
    });
    const invoices = [
      invoice(1, '2026-01-05', 10.005),
      invoice(2, '2026-02-05', 10.005),
      invoice(3, '2026-03-05', 10.005),
      invoice(4, '2026-03-20', 33.3333),
      invoice(5, '2026-04-05', -5.555),
    ];
    const result = computeClientRevenue({
      client: { id: 1, name: 'Awkward' },
      templates: [],
      contracts: [],
      invoices,
      from: '2026-01-01',
      to: '2026-04-30',
      today: '2026-04-30',
    });
    const section = result.invoiced!;
    expect(section.months.map((m) => m.invoice_count)).toEqual([1, 1, 2, 1]);
    expect(cents(section.months.map((m) => m.non_recurring))).toBe(Math.round(section.non_recurring * 100));
    expect(cents(section.months.map((m) => m.recurring))).toBe(0);
    expect(cents(section.months.map((m) => m.tax))).toBe(Math.round(section.tax * 100));
    // each month is its own figure rounded up or down by at most one cent
    const exact = [10.005, 10.005, 10.005 + 33.3333, -5.555];
    for (const [i, m] of section.months.entries()) {
      expect(Math.abs(m.non_recurring - exact[i]!)).toBeLessThan(0.01 + 1e-9);
    }
  });

  it("places an invoice in the month of its day in the tenant's time zone", () => {
    const result = computeClientRevenue({
      client: { id: 1, name: 'Zoned' },
      templates: [],
      contracts: [],
      // 23:30 UTC on 31 January is already 1 February in Berlin
      invoices: [
        {
          id: 1,
          client_id: 1,
          currency: 'EUR',
          invoice_date: '2026-01-31T23:30:00Z',
          total: 120,
          tax_total: 20,
          lines: [{ id: 10, ticket_id: 5, net_amount: 100 }],
        },
      ],
      from: '2026-01-01',
      to: '2026-02-28',
      today: '2026-02-28',
      timeZone: 'Europe/Berlin',
    });
    expect(result.invoiced!.months.map((m) => [m.month, m.non_recurring, m.invoice_count])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 100, 1],
    ]);
  });
});
