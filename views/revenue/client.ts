import { headline, notes, numberCell, section } from '../common/blocks.js';
import { append, el } from '../common/dom.js';
import { money, moneyIn, percent } from '../common/format.js';
import { monthsBlock } from '../common/months.js';
import type { Breakdown, Cited, Figures, RunRateSource } from '../common/revenue-types.js';
import { dataTable } from '../common/table.js';
import { sortWarnings } from './warnings.js';

function sourcesBlock(figures: Figures): HTMLElement {
  const r = figures.recurringSplit;
  const n = figures.nonRecurringSplit;
  const row = (source: string, kind: string, value: number | undefined) => [
    source,
    kind,
    numberCell(value ?? 0, money(value ?? 0)),
  ];
  return dataTable({
    name: 'sources',
    caption: `Invoiced by source${figures.currency ? ` (${figures.currency})` : ''}`,
    columns: [{ label: 'Source' }, { label: 'Kind' }, { label: 'Amount', numeric: true }],
    rows: [
      row('Recurring invoice templates', 'Recurring', r.template),
      row('Contracts', 'Recurring', r.contract),
      row('Tickets', 'Non-recurring', n.ticket),
      row('Items', 'Non-recurring', n.item),
      row('Other charges', 'Non-recurring', n.other),
    ],
  }).wrapper;
}

function largestBlock(figures: Figures): HTMLElement | null {
  const largest = figures.largest;
  if (!largest || largest.recurring.length + largest.nonRecurring.length === 0) return null;
  const row = (kind: string) => (invoice: Cited) => [
    invoice.number ?? `#${invoice.id}`,
    kind,
    invoice.date,
    numberCell(invoice.amount, money(invoice.amount)),
    numberCell(invoice.netAmount, money(invoice.netAmount)),
  ];
  return dataTable({
    name: 'largest',
    caption: 'Largest invoices by the amount of each kind they carry',
    columns: [
      { label: 'Invoice' },
      { label: 'Kind' },
      { label: 'Date' },
      { label: 'Amount of the kind', numeric: true },
      { label: 'Whole invoice (net)', numeric: true },
    ],
    rows: [...largest.recurring.map(row('Recurring')), ...largest.nonRecurring.map(row('Non-recurring'))],
  }).wrapper;
}

function runRateBlock(breakdown: Breakdown): HTMLElement | null {
  const sources: Array<[string, RunRateSource]> = [
    ...(breakdown.contracted.templates ?? []).map((t): [string, RunRateSource] => ['Template', t]),
    ...(breakdown.contracted.contracts ?? []).map((c): [string, RunRateSource] => ['Contract', c]),
  ];
  if (sources.length === 0) return null;
  return dataTable({
    name: 'run-rate',
    caption: `Run-rate sources active today${breakdown.contracted.currency ? ` (${breakdown.contracted.currency} a month)` : ' (a month)'}`,
    columns: [
      { label: 'Source' },
      { label: 'Reference' },
      { label: 'Billed' },
      { label: 'Monthly value', numeric: true },
      { label: 'Counted as' },
    ],
    rows: sources.map(([kind, source]) => [
      `${kind} ${source.id}`,
      source.reference ?? '',
      source.period ?? source.billingPeriod ?? 'unknown',
      numberCell(source.monthlyValue, source.monthlyValue === null ? 'unknown' : money(source.monthlyValue)),
      source.countedAs.replaceAll('_', ' ').toLowerCase(),
    ]),
  }).wrapper;
}

/** One client's breakdown: headline run-rate, invoiced per month, by source, largest invoices. */
export function renderClient(root: HTMLElement, breakdown: Breakdown): void {
  const warnings = sortWarnings(breakdown.warnings);
  const single = breakdown.byCurrency.length === 1 ? breakdown.byCurrency[0] : undefined;
  const runCurrency = breakdown.contracted.currency;
  const period = breakdown.period ? `${breakdown.period.from} to ${breakdown.period.to}` : '';
  append(
    root,
    el('h1', {}, breakdown.client.name),
    el(
      'p',
      { class: 'subtitle' },
      `Revenue breakdown, client #${breakdown.client.id}${period ? `, invoiced ${period}` : ''}`,
    ),
    headline([
      { name: 'mrr', label: 'MRR (run-rate today)', value: moneyIn(breakdown.contracted.mrr, runCurrency) },
      { name: 'arr', label: 'ARR', value: moneyIn(breakdown.contracted.arr, runCurrency) },
      ...(single
        ? [
            {
              name: 'invoiced',
              label: 'Invoiced in period (ex-tax)',
              value: moneyIn(single.total, single.currency),
            },
            { name: 'recurring-share', label: 'Recurring share', value: percent(single.recurringShare) },
          ]
        : []),
    ]),
    notes(warnings.runRate, 'Notes on the run-rate'),
    notes(warnings.currency, 'Notes on currencies'),
  );
  breakdown.byCurrency.forEach((figures, index) => {
    const title =
      breakdown.byCurrency.length > 1
        ? `Invoiced in ${figures.currency ?? 'no currency'}`
        : 'Invoiced per month';
    append(
      root,
      section(
        title,
        ...monthsBlock({ ...figures, months: figures.months ?? [] }),
        index === 0 ? notes(warnings.invoiced, 'Notes on the invoiced figures') : null,
      ),
      section('By source', sourcesBlock(figures)),
      section(
        'Largest invoices',
        largestBlock(figures) ?? el('p', { class: 'muted' }, 'No invoices in the period.'),
      ),
    );
  });
  const runRate = runRateBlock(breakdown);
  if (runRate) root.append(section('Run-rate sources', runRate));
}
