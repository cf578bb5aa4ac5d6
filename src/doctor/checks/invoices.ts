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
  tally,
  unknown,
} from './shape.js';

export interface InvoiceCounts {
  /** `record_count` with includeinvoices=true, includecredits=false, includepoinvoices=false (the sample). */
  invoicesOnly?: number;
  withCredits?: number;
  withPurchaseOrders?: number;
  /** No include flag sent: Halo's defaults. */
  noFlags?: number;
}

const isCredit = (invoice: Row): boolean =>
  (typeof invoice.total === 'number' && invoice.total < 0) ||
  (typeof invoice.creditlinkedtoinvoiceid === 'number' && invoice.creditlinkedtoinvoiceid > 0);

const countOf = (body: unknown): number | undefined => listShape(body, 'invoices').recordCount;

/** Builds the counts from the four reads (the first is the sample page). */
export function invoiceCounts(
  sample: unknown,
  withCredits: unknown,
  withPo: unknown,
  noFlags: unknown,
): InvoiceCounts {
  const out: InvoiceCounts = {};
  const set = (key: keyof InvoiceCounts, value: number | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('invoicesOnly', countOf(sample));
  set('withCredits', countOf(withCredits));
  set('withPurchaseOrders', countOf(withPo));
  set('noFlags', countOf(noFlags));
  return out;
}

/**
 * Invoice kinds and generated lines (docs/halo-api.md §8.1, §8.3) from a sample page of invoices
 * only, three counts, and `typeSample` (a page with credit notes included) for the type codes.
 */
export function invoiceChecks(
  sample: unknown,
  counts: InvoiceCounts,
  typeSample: unknown = sample,
): CheckResult[] {
  const rows = listShape(sample, 'invoices').rows;
  const typed = listShape(typeSample, 'invoices').rows;
  return [includeFlags(rows, counts), invoiceTypes(typed.length > 0 ? typed : rows), generatedLines(rows)];
}

const n = (value: number | undefined): string => (value === undefined ? '?' : String(value));

function includeFlags(sampleRows: Row[], c: InvoiceCounts): CheckResult {
  const creditsInSample = sampleRows.filter(isCredit).length;
  const observed = `record_count: invoices only ${n(c.invoicesOnly)}, with credits ${n(c.withCredits)}, with credits and PO invoices ${n(c.withPurchaseOrders)}, no flags sent ${n(c.noFlags)}; credit notes in the invoices-only sample: ${creditsInSample}`;
  const fields = {
    id: 'invoices.include-flags',
    title: 'Invoice include flags (includeinvoices, includecredits, includepoinvoices) are honoured',
    observed,
    expected: 'credit notes only with includecredits=true; more rows with each flag turned on',
    relied: true,
    revenue: true,
    meaning:
      'Halo ignores the flags: credit notes (and supplier invoices) come in every invoice list. revenue_breakdown still nets credit notes by their negative total, but list_invoices and invoice counts include kinds they say they leave out, and purchase-order invoices may count as revenue.',
  } as const;
  if (c.invoicesOnly === undefined || c.withCredits === undefined) {
    return unknown({ ...fields, observed: `${observed} (a count was missing)` });
  }
  if (creditsInSample > 0) return assumption({ ...fields, status: 'DIFFERS' });
  if (c.withCredits > c.invoicesOnly) return assumption({ ...fields, status: 'OK' });
  return unknown({
    ...fields,
    observed: `${observed}: no credit notes seen, so the flags cannot be told apart`,
  });
}

function invoiceTypes(rows: Row[]): CheckResult {
  const credits = rows.filter(isCredit);
  if (rows.length === 0) {
    return unknown({
      id: 'invoices.invoicetype',
      title: 'invoicetype values seen',
      observed: 'no invoices',
      expected: 'integers; credit notes told by a negative total or creditlinkedtoinvoiceid',
      relied: false,
    });
  }
  return assumption({
    id: 'invoices.invoicetype',
    title: 'invoicetype values seen',
    status: presence(rows, 'invoicetype') > 0 ? 'OK' : 'UNKNOWN',
    observed: `invoicetype over ${plural(rows.length, 'invoice')}: ${tally(rows.map((row) => row.invoicetype))}; on the ${plural(credits.length, 'credit note')} among them: ${tally(credits.map((row) => row.invoicetype)) || 'none'}`,
    expected: 'integers (no published meaning; never used to flip a sign)',
    relied: false,
  });
}

function generatedLines(rows: Row[]): CheckResult {
  const lines = rows.flatMap((row) => (Array.isArray(row.lines) ? row.lines.filter(isRow) : []));
  const linked = lines.filter(
    (line) => typeof line.recurring_invoice_id === 'number' && line.recurring_invoice_id !== 0,
  );
  const base = {
    id: 'invoices.generated-lines',
    title: 'Generated invoice lines link their template by a negative recurring_invoice_id',
    expected:
      'recurring_invoice_id negative on lines made by a template, -1 on others; net_amount and contract_id on the line',
    relied: true,
    revenue: true,
  } as const;
  if (lines.length === 0)
    return unknown({ ...base, observed: 'no invoice lines in the sample (includelines=true)' });
  const s = signs(linked.map((line) => line.recurring_invoice_id));
  const keys = ['net_amount', 'contract_id', 'recurring_invoice_line_id'].map(
    (key) => `${key} ${presence(linked, key)}/${linked.length}`,
  );
  const headerFlags = tally(
    rows.map((row) =>
      row.is_recurring_invoice === true ? 1 : row.is_recurring_invoice === false ? 0 : null,
    ),
  );
  const observed = `${plural(lines.length, 'line')}, ${linked.length} linked to a template (${describeSigns(s)}); on linked lines: ${keys.join(', ')}; header is_recurring_invoice 1/0: ${headerFlags}`;
  if (linked.length === 0) return unknown({ ...base, observed });
  return assumption({
    ...base,
    status: s.positive > 0 ? 'DIFFERS' : 'OK',
    observed,
    meaning:
      'Template links on lines are positive: links are still read as "neither 0 nor -1", but the evidence the revenue rules rest on does not match this tenant.',
  });
}
