import { isHaloApiError } from '../halo/errors.js';
import type { QueryParams } from '../halo/resources.js';
import { chargeCheck, contractToRead } from './checks/contracts.js';
import { envelopeCheck } from './checks/envelopes.js';
import { invoiceChecks, invoiceCounts } from './checks/invoices.js';
import { refused, unknown } from './checks/shape.js';
import { templateChecks, templateToRead } from './checks/templates.js';
import type { CheckResult } from './types.js';

/** A raw GET under `/api` (undefined when refused for permissions). */
export type Read = (path: string, query?: QueryParams) => Promise<unknown>;

export const firstPage = (pageSize: number): QueryParams => ({
  pageinate: true,
  page_size: pageSize,
  page_no: 1,
});

/** The flags every invoice read sends (docs/halo-api.md §8.3), here for the invoices-only sample. */
const INVOICES_ONLY = { includeinvoices: true, includecredits: false, includepoinvoices: false } as const;

/** Runs one step; a failure other than a permission refusal becomes an UNKNOWN check carrying its message. */
export async function step(
  id: string,
  title: string,
  run: () => Promise<CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (error) {
    const observed = isHaloApiError(error) ? error.message : 'the read failed unexpectedly';
    return [unknown({ id, title, observed, expected: 'an answer', relied: true })];
  }
}

/** Recurring templates: one list page and the first template's detail (2 GETs). */
export const templatesStep = (read: Read): Promise<CheckResult[]> =>
  step('templates', 'Recurring invoice templates', async () => {
    const pageSize = 50;
    const list = await read('RecurringInvoice', firstPage(pageSize));
    if (list === undefined) return [refused('templates', 'Recurring invoice templates')];
    const id = templateToRead(list);
    const detail = id === undefined ? undefined : await read(`RecurringInvoice/${id}`);
    return [envelopeCheck('recurringInvoices', list, pageSize), ...templateChecks(list, detail)];
  });

/**
 * Invoices: a sample page of invoices only (with lines), and record counts with the flags toggled.
 * `full` adds the purchase-order and no-flag counts and a page with credit notes (4 GETs; else 2).
 */
export const invoicesStep = (read: Read, full: boolean): Promise<CheckResult[]> =>
  step('invoices', 'Invoices', async () => {
    const pageSize = full ? 100 : 50;
    const sampleQuery = {
      ...firstPage(pageSize),
      ...INVOICES_ONLY,
      includelines: true,
      order: 'invoice_date',
      orderdesc: true,
    };
    const count = (flags: QueryParams, rows = 1) => read('Invoice', { ...firstPage(rows), ...flags });
    const [sample, withCredits, withPo, noFlags] = await Promise.all([
      read('Invoice', sampleQuery),
      // With credit notes: a page of them too in the full run, for the type codes they carry.
      count(
        { ...INVOICES_ONLY, includecredits: true, order: 'invoice_date', orderdesc: true },
        full ? pageSize : 1,
      ),
      full ? count({ includeinvoices: true, includecredits: true, includepoinvoices: true }) : undefined,
      full ? count({}) : undefined,
    ]);
    if (sample === undefined) return [refused('invoices', 'Invoices')];
    const checks = invoiceChecks(sample, invoiceCounts(sample, withCredits, withPo, noFlags), withCredits);
    return [envelopeCheck('invoices', sample, pageSize), ...checks];
  });

/** Contracts: one list page and one detail (2 GETs). */
export const contractsStep = (read: Read): Promise<CheckResult[]> =>
  step('contracts', 'Contracts', async () => {
    const pageSize = 50;
    const list = await read('ClientContract', firstPage(pageSize));
    if (list === undefined) return [refused('contracts', 'Contracts')];
    const id = contractToRead(list);
    const detail = id === undefined ? undefined : await read(`ClientContract/${id}`);
    return [envelopeCheck('contracts', list, pageSize), chargeCheck(list, detail)];
  });
