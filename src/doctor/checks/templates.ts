import type { CheckResult } from '../types.js';
import {
  assumption,
  describeSigns,
  isRow,
  listShape,
  plural,
  presence,
  type Row,
  signs,
  unknown,
} from './shape.js';

const LINE_KEYS = [
  'net_amount',
  'unit_price',
  'baseprice',
  'qty_order',
  'recurring_invoice_id',
  'contract_id',
];

/** The template the doctor reads in detail: the first on the list page. */
export function templateToRead(listBody: unknown): number | undefined {
  const id = listShape(listBody, 'invoices').rows.find((row) => typeof row.id === 'number')?.id;
  return typeof id === 'number' ? id : undefined;
}

/** Recurring invoice templates (docs/halo-api.md §8.1, §8.2, §8.4), from one list page and one detail. */
export function templateChecks(listBody: unknown, detailBody: unknown): CheckResult[] {
  const rows = listShape(listBody, 'invoices').rows;
  const base = { relied: true, revenue: true } as const;
  if (rows.length === 0) {
    return [
      unknown({
        id: 'templates.id-sign',
        title: 'Recurring invoice template ids are negative',
        observed: 'no templates on this tenant',
        expected: 'negative ids',
        ...base,
      }),
    ];
  }
  const detail: Row | undefined = isRow(detailBody) ? detailBody : undefined;
  return [idSign(rows), periodName(rows), schedule(rows, detail), lineKeys(detail)].map((check) => ({
    ...check,
    ...base,
  }));
}

function idSign(rows: Row[]): CheckResult {
  const s = signs(rows.map((row) => row.id));
  return assumption({
    id: 'templates.id-sign',
    title: 'Recurring invoice template ids are negative',
    status: s.positive > 0 ? 'DIFFERS' : 'OK',
    observed: `${plural(rows.length, 'template')}: ${describeSigns(s)}`,
    expected: 'negative ids (templates share the invoice header table; invoices are positive)',
    relied: true,
    meaning:
      'Recurring links are still read as "neither 0 nor -1", but the evidence the revenue rules rest on does not match this tenant: compare revenue_breakdown with Halo\'s recurring invoice screen before relying on it.',
  });
}

function periodName(rows: Row[]): CheckResult {
  const n = presence(rows, 'periodname');
  return assumption({
    id: 'templates.periodname',
    title: 'Template list rows carry periodname',
    status: n > 0 ? 'OK' : 'DIFFERS',
    observed: `periodname on ${n} of ${plural(rows.length, 'row')}`,
    expected: 'periodname (e.g. "Monthly") on every row',
    relied: true,
    meaning:
      'Without the period text a template cannot be turned into a monthly value: monthly_value is null with a warning.',
  });
}

function schedule(rows: Row[], detail: Row | undefined): CheckResult {
  const onList = presence(rows, 'schedule');
  const onDetail = detail !== undefined && isRow(detail.schedule);
  const every = onDetail && isRow(detail.schedule) && detail.schedule.every !== undefined;
  const observed = `schedule on ${onList} of ${plural(rows.length, 'list row')}; on the detail: ${onDetail ? `yes${every ? ', with every' : ', without every'}` : 'no'}`;
  return assumption({
    id: 'templates.schedule',
    title: 'Template schedule (period and every-N) is readable',
    status: onList > 0 || onDetail ? 'OK' : 'DIFFERS',
    observed,
    expected:
      'schedule with every, on the list row or the detail (one detail read per active template when the list lacks it)',
    relied: true,
    meaning:
      'Without schedule the every-N multiplier ("Monthly, every 3") is unknown: such templates would count at their plain period. Their monthly_value is null with a warning where the period dates disagree.',
  });
}

function lineKeys(detail: Row | undefined): CheckResult {
  const lines = Array.isArray(detail?.lines) ? detail.lines.filter(isRow) : [];
  if (lines.length === 0) {
    return unknown({
      id: 'templates.line-keys',
      title: 'Template lines carry net_amount',
      observed: detail === undefined ? 'no template detail read' : 'the template detail has no lines',
      expected: 'lines with net_amount (else unit_price or baseprice, and qty_order)',
      relied: true,
    });
  }
  const present = LINE_KEYS.map((key) => `${key} ${presence(lines, key)}/${lines.length}`).join(', ');
  const net = presence(lines, 'net_amount');
  const priced = lines.filter((line) => line.unit_price !== undefined || line.baseprice !== undefined).length;
  return assumption({
    id: 'templates.line-keys',
    title: 'Template lines carry net_amount',
    status: net === lines.length ? 'OK' : 'DIFFERS',
    observed: `keys on ${plural(lines.length, 'line')}: ${present}`,
    expected: 'net_amount on every line',
    relied: true,
    meaning:
      priced === lines.length
        ? 'Lines without net_amount are valued at qty_order x unit_price (baseprice when unit_price is absent): discounts and pro-rata are missed.'
        : 'Some lines carry no price at all: they count as 0.',
  });
}
