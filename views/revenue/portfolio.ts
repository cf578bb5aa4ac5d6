import { headline, notes, numberCell, section } from '../common/blocks.js';
import { line, stackedRows } from '../common/chart.js';
import { append, el } from '../common/dom.js';
import { compact, count, money, moneyIn, percent } from '../common/format.js';
import type { Portfolio } from '../common/revenue-types.js';
import { dataTable } from '../common/table.js';
import { concentrationOf } from './concentration.js';

/** How a picked client is drilled into: the view asks the host to call the tool for it. */
export type PickClient = (client: { id: number; name: string }) => void;

const CHART_ROWS = 10;

function totalsBlock(portfolio: Portfolio): HTMLElement {
  return dataTable({
    name: 'totals',
    caption: 'Totals per currency over every client with revenue (ex-tax)',
    columns: [
      { label: 'Currency' },
      { label: 'Clients', numeric: true },
      { label: 'MRR', numeric: true },
      { label: 'ARR', numeric: true },
      { label: 'Recurring', numeric: true },
      { label: 'Non-recurring', numeric: true },
      { label: 'Total', numeric: true },
      { label: 'Recurring share', numeric: true },
    ],
    rows: portfolio.totals.map((t) => [
      t.currency ?? 'no currency',
      numberCell(t.clientCount, count(t.clientCount)),
      numberCell(t.mrr, money(t.mrr)),
      numberCell(t.arr, money(t.arr)),
      numberCell(t.recurring, money(t.recurring)),
      numberCell(t.nonRecurring, money(t.nonRecurring)),
      numberCell(t.total, money(t.total)),
      numberCell(t.recurringShare, percent(t.recurringShare)),
    ]),
  }).wrapper;
}

function currencyBlock(portfolio: Portfolio, currency: string | null, pick: PickClient): HTMLElement {
  const concentration = concentrationOf(portfolio, currency);
  const label = currency ?? 'no currency';
  const table = dataTable({
    name: 'clients',
    caption: `Clients ranked by invoiced revenue in ${label} (ex-tax); pick a client for its breakdown`,
    columns: [
      { label: 'Rank', numeric: true },
      { label: 'Client' },
      { label: 'Recurring', numeric: true },
      { label: 'Non-recurring', numeric: true },
      { label: 'Total', numeric: true },
      { label: 'Cumulative share', numeric: true },
    ],
    rows: concentration.clients.map((client) => {
      const button = el(
        'button',
        { type: 'button', 'data-client-id': client.id, 'aria-label': `Show the breakdown of ${client.name}` },
        client.name,
      );
      button.addEventListener('click', () => pick({ id: client.id, name: client.name }));
      return [
        numberCell(client.rank, String(client.rank)),
        button,
        numberCell(client.recurring, money(client.recurring)),
        numberCell(client.nonRecurring, money(client.nonRecurring)),
        numberCell(client.total, money(client.total)),
        numberCell(client.cumulativeShare, percent(client.cumulativeShare)),
      ];
    }),
  });
  const shown = concentration.clients.slice(0, CHART_ROWS);
  const bars = stackedRows({
    label: `The ${shown.length} largest clients by invoiced revenue in ${label}, recurring and non-recurring parts; ranks match the table below.`,
    describedBy: table.id,
    categories: shown.map((c) => `#${c.rank}`),
    series: [
      { name: 'Recurring', slot: 'recurring', values: shown.map((c) => c.recurring) },
      { name: 'Non-recurring', slot: 'non-recurring', values: shown.map((c) => c.nonRecurring) },
    ],
    format: compact,
  });
  const cumulative = line(
    {
      label: `Cumulative share of the ${label} portfolio by client rank: the top client holds ${percent(concentration.top[0]?.share)}, the top 5 ${percent(concentration.top[1]?.share)}, the top 10 ${percent(concentration.top[2]?.share)}.`,
      describedBy: table.id,
      categories: concentration.clients.map((c) => `#${c.rank}`),
      series: [
        {
          name: 'Cumulative share',
          slot: 'line',
          values: concentration.clients.map((c) => Math.round((c.cumulativeShare ?? 0) * 1000) / 10),
        },
      ],
      format: (v) => `${v}%`,
    },
    { low: 0, high: 100 },
  );
  return section(
    portfolio.totals.length > 1 ? `Clients in ${label}` : 'Clients by revenue',
    headline(
      concentration.top.map((t) => ({
        name: `top-${t.size}`,
        label: t.size === 1 ? 'Largest client' : `Top ${t.size} clients`,
        value: t.share === null ? 'more rows needed' : `${percent(t.share)} of ${label}`,
      })),
    ),
    bars,
    cumulative,
    table.wrapper,
  );
}

/** The portfolio: clients ranked by revenue, concentration, totals per currency. */
export function renderPortfolio(root: HTMLElement, portfolio: Portfolio, pick: PickClient): void {
  const single = portfolio.totals.length === 1 ? portfolio.totals[0] : undefined;
  const shown = portfolio.truncated
    ? `${portfolio.rows.length} of ${portfolio.totalClients} clients with revenue shown`
    : `${portfolio.totalClients} clients with revenue`;
  append(
    root,
    el('h1', {}, 'Revenue portfolio'),
    el('p', { class: 'subtitle' }, `Invoiced ${portfolio.period.from} to ${portfolio.period.to}; ${shown}`),
    single
      ? headline([
          { name: 'mrr', label: 'MRR (run-rate today)', value: moneyIn(single.mrr, single.currency) },
          { name: 'arr', label: 'ARR', value: moneyIn(single.arr, single.currency) },
          {
            name: 'invoiced',
            label: 'Invoiced in period (ex-tax)',
            value: moneyIn(single.total, single.currency),
          },
          { name: 'recurring-share', label: 'Recurring share', value: percent(single.recurringShare) },
        ])
      : null,
    notes(portfolio.warnings, 'Notes on the portfolio'),
    ...portfolio.totals.map((t) => currencyBlock(portfolio, t.currency, pick)),
    section('Totals per currency', totalsBlock(portfolio)),
  );
}
