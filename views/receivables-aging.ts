import { AGE_BUCKETS, bucketCells, bucketColumns, overdueOf } from './analytics/aging.js';
import type { Receivables } from './analytics/types.js';
import { headline, notes, numberCell, section } from './common/blocks.js';
import { stackedRows } from './common/chart.js';
import { append, el } from './common/dom.js';
import { compact, count, money, moneyIn } from './common/format.js';
import { dataTable } from './common/table.js';
import { startView } from './common/view.js';

// receivables_aging's view: what is owed per currency in age buckets, and the largest debtors.

const CHART_ROWS = 10;

function render(root: HTMLElement, structured: Record<string, unknown>): void {
  const aging = (structured as unknown as Receivables).receivablesAging;
  const owing = aging.truncated
    ? `${aging.clients.length} of ${aging.totalClients} client rows shown`
    : `${aging.totalClients} client rows`;
  append(
    root,
    el('h1', {}, 'Receivables aging'),
    el(
      'p',
      { class: 'subtitle' },
      `Amounts still due on ${aging.today}, by days past the due date; ${owing}`,
    ),
    notes(aging.warnings, 'Notes on the receivables'),
  );
  const totals = dataTable({
    name: 'aging-totals',
    caption: 'Due per currency, by age',
    columns: [
      { label: 'Currency' },
      ...bucketColumns,
      { label: 'Total due', numeric: true },
      { label: 'Invoices', numeric: true },
      { label: 'Part-paid', numeric: true },
      { label: 'Open credits', numeric: true },
    ],
    rows: aging.totals.map((t) => [
      t.currency ?? 'no currency',
      ...bucketCells(t.buckets),
      numberCell(t.totalDue, money(t.totalDue)),
      numberCell(t.invoiceCount, count(t.invoiceCount)),
      numberCell(t.partPaidCount, count(t.partPaidCount)),
      numberCell(t.openCredits ?? 0, money(t.openCredits ?? 0)),
    ]),
  });
  for (const total of aging.totals) {
    const label = total.currency ?? 'no currency';
    append(
      root,
      section(
        aging.totals.length > 1 ? `Due in ${label}` : 'Due',
        headline([
          { name: `due-${label}`, label: 'Total due', value: moneyIn(total.totalDue, total.currency) },
          {
            name: `overdue-${label}`,
            label: 'Overdue',
            value: moneyIn(overdueOf(total.buckets), total.currency),
          },
          {
            name: `over90-${label}`,
            label: 'Over 90 days',
            value: moneyIn(total.buckets.over90, total.currency),
          },
          { name: `invoices-${label}`, label: 'Invoices due', value: count(total.invoiceCount) },
        ]),
      ),
    );
  }
  // Shares of each currency's own total, so currencies are never drawn on one money scale.
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const buckets = stackedRows({
    label:
      'Share of the amount due in each currency by age, from not yet due to over 90 days; the table below gives every amount.',
    describedBy: totals.id,
    categories: aging.totals.map((t) => t.currency ?? 'none'),
    series: AGE_BUCKETS.map((b) => ({
      name: b.label,
      slot: b.slot,
      values: aging.totals.map((t) => share(t.buckets[b.key], t.totalDue)),
    })),
    format: (v) => `${v}%`,
  });
  append(root, section('By age', buckets, totals.wrapper));

  const debtors = dataTable({
    name: 'debtors',
    caption: 'Largest debtors (each client per currency), largest total due first',
    columns: [
      { label: '#', numeric: true },
      { label: 'Client' },
      { label: 'Currency' },
      ...bucketColumns,
      { label: 'Total due', numeric: true },
      { label: 'Oldest invoice' },
      { label: 'Days overdue', numeric: true },
    ],
    rows: aging.clients.map((c, i) => [
      numberCell(i + 1, String(i + 1)),
      c.clientName ?? `Client #${c.clientId}`,
      c.currency ?? '',
      ...bucketCells(c.buckets),
      numberCell(c.totalDue, money(c.totalDue)),
      c.oldest ? (c.oldest.number ?? `#${c.oldest.id}`) : '',
      numberCell(c.oldest?.daysOverdue ?? null, c.oldest ? String(c.oldest.daysOverdue) : ''),
    ]),
  });
  // The chart draws the debtors of the currency owed most; '#n' is the row in the table below.
  const main = [...aging.totals].sort((a, b) => b.totalDue - a.totalDue)[0];
  const top = aging.clients
    .map((c, i) => ({ ...c, row: i + 1 }))
    .filter((c) => c.currency === (main?.currency ?? null))
    .slice(0, CHART_ROWS);
  const debtorChart = stackedRows({
    label: `The ${top.length} largest debtors in ${main?.currency ?? 'no currency'} by amount due, split by age; labels give the row in the table below.`,
    describedBy: debtors.id,
    categories: top.map((c) => `#${c.row}`),
    series: AGE_BUCKETS.map((b) => ({
      name: b.label,
      slot: b.slot,
      values: top.map((c) => c.buckets[b.key]),
    })),
    format: compact,
  });
  append(root, section('Largest debtors', debtorChart, debtors.wrapper));
}

startView({ name: 'halo-psa-mcp receivables_aging', render });
