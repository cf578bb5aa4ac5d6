import type { HaloInvoice, HaloInvoiceLine } from '../../halo/types.js';
import type { Currency } from './clients.js';
import { SENTINEL_DATE, wireDate } from './dates.js';
import type { CatalogueItem } from './items.js';
import { round2 } from './money.js';

export interface LineSpec {
  code: string;
  description: string;
  /** Catalogue item id, -1 for a free-text line. */
  itemId: number;
  qty: number;
  unitPrice: number;
  currency: Currency;
  contractId?: number;
  ticketId?: number;
  recurringInvoiceId?: number;
  recurringLineId?: number;
  /** Billed period (recurring and contract lines). */
  start?: number;
  end?: number;
}

/** An invoice or template line; `id` and `ihid` are filled when the header gets its id. */
export function makeLine(spec: LineSpec): HaloInvoiceLine {
  const net = round2(spec.qty * spec.unitPrice);
  return {
    id: 0,
    ihid: 0,
    item_code: spec.code,
    item_shortdescription: spec.description,
    _itemid: spec.itemId,
    qty_order: spec.qty,
    unit_price: spec.unitPrice,
    net_amount: net,
    tax_rate: spec.currency.taxRate * 100,
    tax_amount: round2(net * spec.currency.taxRate),
    contract_id: spec.contractId ?? -1,
    ticket_id: spec.ticketId ?? -1,
    recurring_invoice_id: spec.recurringInvoiceId ?? -1,
    recurring_invoice_line_id: spec.recurringLineId ?? -1,
    startdate: spec.start === undefined ? SENTINEL_DATE : wireDate(spec.start),
    enddate: spec.end === undefined ? SENTINEL_DATE : wireDate(spec.end),
  };
}

/** A line selling a catalogue item at its price converted to the client's currency (x `multiplier`). */
export function itemLine(
  item: CatalogueItem,
  qty: number,
  currency: Currency,
  extra: Omit<LineSpec, 'code' | 'description' | 'itemId' | 'qty' | 'unitPrice' | 'currency'> & {
    multiplier?: number;
    description?: string;
  } = {},
): HaloInvoiceLine {
  const { multiplier = 1, description = item.name, ...links } = extra;
  return makeLine({
    code: item.code,
    description,
    itemId: item.id,
    qty,
    unitPrice: round2(item.price * currency.rate * multiplier),
    currency,
    ...links,
  });
}

/** Sets a header's `tax_total` and `total` (tax inclusive) from its lines. */
export function applyTotals(invoice: HaloInvoice): void {
  let net = 0;
  let tax = 0;
  for (const line of invoice.lines ?? []) {
    net += line.net_amount ?? 0;
    tax += line.tax_amount ?? 0;
  }
  invoice.tax_total = round2(tax);
  invoice.total = round2(net + tax);
}
