import { numberCell } from './blocks.js';
import { stackedBars } from './chart.js';
import { compact, count, money, monthLabel, monthTick } from './format.js';
import type { Month } from './revenue-types.js';
import { dataTable } from './table.js';

export interface MonthFigures {
  currency: string | null;
  months: Month[];
  recurring: number | null;
  nonRecurring: number | null;
  total: number | null;
  /** Period tax and invoice count when the result carries them; else the months' own sums. */
  tax?: number;
  invoiceCount?: number;
}

const sumOf = (values: number[]) => Math.round(values.reduce((a, v) => a + Math.round(v * 100), 0)) / 100;

/** Recurring vs non-recurring per month: stacked bars, and the table behind them with the period row. */
export function monthsBlock(figures: MonthFigures): HTMLElement[] {
  const { months } = figures;
  const currency = figures.currency ? ` (${figures.currency}, ex-tax)` : ' (ex-tax)';
  const tax = figures.tax ?? sumOf(months.map((m) => m.tax));
  const invoices = figures.invoiceCount ?? months.reduce((a, m) => a + m.invoiceCount, 0);
  const table = dataTable({
    name: 'months',
    caption: `Invoiced per month${currency}`,
    columns: [
      { label: 'Month' },
      { label: 'Recurring', numeric: true },
      { label: 'Non-recurring', numeric: true },
      { label: 'Total', numeric: true },
      { label: 'Tax', numeric: true },
      { label: 'Invoices', numeric: true },
    ],
    rows: months.map((m) => [
      monthLabel(m.month),
      numberCell(m.recurring, money(m.recurring)),
      numberCell(m.nonRecurring, money(m.nonRecurring)),
      numberCell(null, money(m.recurring + m.nonRecurring)),
      numberCell(m.tax, money(m.tax)),
      numberCell(m.invoiceCount, count(m.invoiceCount)),
    ]),
    footer: [
      [
        'Period',
        numberCell(figures.recurring, money(figures.recurring)),
        numberCell(figures.nonRecurring, money(figures.nonRecurring)),
        numberCell(figures.total, money(figures.total)),
        numberCell(tax, money(tax)),
        numberCell(invoices, count(invoices)),
      ],
    ],
  });
  const chart = stackedBars({
    label: `Recurring and non-recurring revenue invoiced per month${currency}: ${months.length} months, recurring ${money(figures.recurring)}, non-recurring ${money(figures.nonRecurring)}. The table below lists every month.`,
    describedBy: table.id,
    categories: months.map((m) => monthTick(m.month)),
    series: [
      { name: 'Recurring', slot: 'recurring', values: months.map((m) => m.recurring) },
      { name: 'Non-recurring', slot: 'non-recurring', values: months.map((m) => m.nonRecurring) },
    ],
    format: compact,
  });
  return [chart, table.wrapper];
}
