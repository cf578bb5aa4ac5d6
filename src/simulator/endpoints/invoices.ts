import type { HaloInvoice } from '../../halo/types.js';
import type { DatasetIndex, Table } from '../dataset-index.js';
import { omitFields, RowFilter } from '../listing.js';
import type { Query } from '../query.js';
import { type Endpoint, envelopedEndpoint } from './endpoint.js';

/** `datesearch` columns newer builds document for invoices, with `start_date`/`end_date`. */
const DATE_COLUMNS: Record<string, keyof HaloInvoice> = {
  invoice_date: 'invoice_date',
  duedate: 'duedate',
  last_modified: 'last_modified',
  datepaid: 'datepaid',
};

/** Lines go out on lists only with `includelines=true`; the single GET always has them. */
function listRow(invoice: HaloInvoice, q: Query): unknown {
  return q.isTrue('includelines') ? invoice : omitFields(invoice, ['lines']);
}

function templateListRow(template: HaloInvoice, q: Query, ix: DatasetIndex): unknown {
  const withoutSchedule = ix.data.scheduleOnDetailOnly?.includes(template.id) === true;
  const row = withoutSchedule ? omitFields(template, ['schedule']) : template;
  if (ix.data.behaviour?.recurringListIgnoresIncludeLines) return omitFields(row, ['lines']);
  return listRow(row as HaloInvoice, q);
}

/** What an `/Invoice` row is, by the marks Halo gives it (docs/halo-api.md §8.3). */
export function invoiceKindOf(invoice: HaloInvoice): 'credit' | 'supplier' | 'invoice' {
  if ((invoice.purchaseorder_id ?? -1) > 0) return 'supplier';
  if ((invoice.creditlinkedtoinvoiceid ?? -1) > 0 || (invoice.total ?? 0) < 0) return 'credit';
  return 'invoice';
}

/**
 * `includeinvoices` / `includecredits` / `includepoinvoices`: Halo's defaults when a flag is absent
 * are unknown, so the simulator takes the reading that exposes a client relying on them: customer
 * invoices in, credit notes and supplier invoices OUT unless asked for.
 */
function kindIncluded(q: Query): (invoice: HaloInvoice) => boolean {
  const wanted = {
    invoice: q.str('includeinvoices') === undefined || q.isTrue('includeinvoices'),
    credit: q.isTrue('includecredits'),
    supplier: q.isTrue('includepoinvoices'),
  };
  return (invoice) => wanted[invoiceKindOf(invoice)];
}

function invoiceFilter(q: Query): RowFilter<HaloInvoice> {
  return headerFilter(q).where(kindIncluded(q));
}

function headerFilter(q: Query): RowFilter<HaloInvoice> {
  const filter = new RowFilter<HaloInvoice>(q)
    .oneOf('client_ids', (i) => i.client_id)
    .eq('ticket_id', (i) => i.ticket_id)
    .eq('contract_id', (i) => i.contract_id)
    .eq('recurringinvoice_id', (i) => i.recurring_invoice_id)
    .oneOf('paymentstatuses', (i) => i.paymentstatus)
    .flag('postedonly', (i) => i.posted === true)
    .flag('notpostedonly', (i) => i.posted !== true)
    .dateRange('invoicedatestart', 'invoicedateend', (i) => i.invoice_date)
    .search('search', (i) => [i.invoicenumber, i.thirdpartyinvoicenumber, i.client_name, i.reference]);
  const column = DATE_COLUMNS[(q.str('datesearch') ?? 'invoice_date').toLowerCase()];
  if (column !== undefined) filter.dateRange('start_date', 'end_date', (i) => i[column]);
  return filter;
}

function invoiceHeaderEndpoint(
  name: string,
  table: (ix: DatasetIndex) => Table<HaloInvoice>,
  shape: (row: HaloInvoice, q: Query, ix: DatasetIndex) => unknown,
  filter: (q: Query) => RowFilter<HaloInvoice>,
): Endpoint {
  return envelopedEndpoint<HaloInvoice>({
    name,
    key: 'invoices',
    table,
    byClient: true,
    filter,
    listRow: shape,
  });
}

export const invoiceEndpoint: Endpoint = invoiceHeaderEndpoint(
  'Invoice',
  (ix) => ix.invoices,
  listRow,
  invoiceFilter,
);

/** Recurring invoice templates share the `InvoiceHeader` shape, the filters and the `invoices` key. */
export const recurringInvoiceEndpoint: Endpoint = invoiceHeaderEndpoint(
  'RecurringInvoice',
  (ix) => ix.recurringInvoices,
  templateListRow,
  headerFilter,
);
