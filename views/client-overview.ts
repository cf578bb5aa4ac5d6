import { bucketCells, bucketColumns } from './analytics/aging.js';
import type { Overview } from './analytics/types.js';
import { headline, notes, numberCell, section } from './common/blocks.js';
import { append, el } from './common/dom.js';
import { count, money, moneyIn, percent } from './common/format.js';
import { monthsBlock } from './common/months.js';
import { dataTable } from './common/table.js';
import { startView } from './common/view.js';

// client_overview's view: the client review on one screen. Every figure is the tool's own; the
// revenue by month is the same per-month series as revenue_breakdown's.

const hours = (value: number) => `${value.toFixed(2)} h`;
const compliance = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);

function render(root: HTMLElement, structured: Record<string, unknown>): void {
  const o = (structured as unknown as Overview).clientOverview;
  const { money: m, service: s } = o;
  const due = m.receivables.map((r) => moneyIn(r.totalDue, r.currency)).join(' · ') || money(0);
  append(
    root,
    el('h1', {}, o.client.name),
    el('p', { class: 'subtitle' }, `Client review, #${o.client.id}, ${o.period.from} to ${o.period.to}`),
    headline([
      { name: 'mrr', label: 'MRR (run-rate today)', value: moneyIn(m.mrr, m.currency) },
      { name: 'arr', label: 'ARR', value: moneyIn(m.arr, m.currency) },
      { name: 'invoiced', label: 'Invoiced in period (ex-tax)', value: moneyIn(m.invoicedTotal, m.currency) },
      {
        name: 'unbilled',
        label: 'Unbilled time',
        value: `${moneyIn(m.unbilled.value, m.currency)} (${hours(m.unbilled.hours)})`,
      },
      { name: 'due', label: 'Receivables due', value: due },
      { name: 'open', label: 'Open tickets', value: count(s.openNow) },
    ]),
    notes(o.warnings, 'Notes on the review'),
  );
  if (m.months.length > 0) {
    append(
      root,
      section(
        'Revenue by month',
        ...monthsBlock({
          currency: m.currency,
          months: m.months,
          recurring: m.recurring,
          nonRecurring: m.nonRecurring,
          total: m.invoicedTotal,
        }),
      ),
    );
  }
  const service = dataTable({
    name: 'service',
    caption: 'Service in the period',
    columns: [{ label: 'Measure' }, { label: 'Value', numeric: true }],
    rows: [
      ['Tickets opened', numberCell(s.opened, count(s.opened))],
      ['Tickets closed', numberCell(s.closed, count(s.closed))],
      ['Open now', numberCell(s.openNow, count(s.openNow))],
      ['Chargeable hours', numberCell(s.chargeableHours, hours(s.chargeableHours))],
      ['Non-chargeable hours', numberCell(s.nonChargeableHours, hours(s.nonChargeableHours))],
    ],
  });
  const sla = dataTable({
    name: 'sla',
    caption: `SLA compliance over ${count(s.sla.ticketCount)} tickets (${count(s.sla.excludedCount)} without targets left out)`,
    columns: [
      { label: 'Target' },
      { label: 'Met', numeric: true },
      { label: 'Breached', numeric: true },
      { label: 'Pending', numeric: true },
      { label: 'Compliance', numeric: true },
    ],
    rows: (
      [
        ['Response', s.sla.response],
        ['Resolution', s.sla.resolution],
      ] as const
    ).map(([name, c]) => [
      name,
      numberCell(c.met, count(c.met)),
      numberCell(c.breached, count(c.breached)),
      numberCell(c.pending, count(c.pending)),
      numberCell(c.compliance, compliance(c.compliance)),
    ]),
  });
  const types = dataTable({
    name: 'ticket-types',
    caption: 'Tickets opened by type (top 5)',
    columns: [{ label: 'Type' }, { label: 'Tickets', numeric: true }],
    rows: s.topTypes.map((t) => [t.name ?? 'No type', numberCell(t.count, count(t.count))]),
  });
  append(root, section('Service and SLA', service.wrapper, sla.wrapper, types.wrapper));

  if (m.receivables.length > 0) {
    const receivables = dataTable({
      name: 'receivables',
      caption: 'Due today, by age',
      columns: [
        { label: 'Currency' },
        ...bucketColumns,
        { label: 'Total due', numeric: true },
        { label: 'Invoices', numeric: true },
      ],
      rows: m.receivables.map((r) => [
        r.currency ?? 'no currency',
        ...bucketCells(r.buckets),
        numberCell(r.totalDue, money(r.totalDue)),
        numberCell(r.invoiceCount, count(r.invoiceCount)),
      ]),
    });
    append(root, section('Receivables', receivables.wrapper));
  }

  const agreements = dataTable({
    name: 'agreements',
    caption: 'Active contracts, renewals due first',
    columns: [
      { label: 'Contract' },
      { label: 'Type' },
      { label: 'Ends' },
      { label: 'Days left', numeric: true },
      { label: 'Block hours used / included', numeric: true },
    ],
    rows: [...o.agreements]
      .sort((a, b) => (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY))
      .map((a) => [
        a.reference ?? `#${a.id}`,
        a.type ?? '',
        a.endDate ?? 'open-ended',
        numberCell(a.daysLeft, a.daysLeft === null ? '–' : String(a.daysLeft)),
        a.blockHours
          ? `${hours(a.blockHours.usedHours)} / ${a.blockHours.includedHours === null ? '–' : hours(a.blockHours.includedHours)}`
          : '–',
      ]),
  });
  append(
    root,
    section(
      'Agreements and renewals',
      o.agreements.length > 0 ? agreements.wrapper : el('p', { class: 'muted' }, 'No active contracts.'),
    ),
  );

  const estate = dataTable({
    name: 'assets',
    caption: `${count(o.estate.assetCount)} assets by type; ${count(o.estate.warrantiesEnding.length)} warranties end in the next 90 days`,
    columns: [{ label: 'Type' }, { label: 'Assets', numeric: true }],
    rows: o.estate.byType.map((t) => [t.name ?? 'No type', numberCell(t.count, count(t.count))]),
  });
  append(root, section('Estate', estate.wrapper));

  if (o.labour) {
    const l = o.labour;
    append(
      root,
      section(
        'Labour cost and margin',
        headline([
          { name: 'labour-cost', label: 'Labour cost', value: moneyIn(l.cost, m.currency) },
          { name: 'margin', label: 'Margin', value: moneyIn(l.margin, m.currency) },
          { name: 'margin-share', label: 'Margin share', value: percent(l.marginShare) },
        ]),
      ),
    );
  }
}

startView({ name: 'halo-psa-mcp client_overview', render });
