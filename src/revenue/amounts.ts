import type { HaloInvoice, HaloInvoiceLine } from '../halo/types.js';

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The unit price: `unit_price`, or `baseprice` when `unit_price` is absent or 0 (template lines). */
export function unitPrice(line: HaloInvoiceLine): number | null {
  if (isNumber(line.unit_price) && line.unit_price !== 0) return line.unit_price;
  if (isNumber(line.baseprice)) return line.baseprice;
  return isNumber(line.unit_price) ? line.unit_price : null;
}

/** `qty_order` x unit price, or null when either is missing. */
export function qtyTimesPrice(line: HaloInvoiceLine): number | null {
  const price = unitPrice(line);
  return isNumber(line.qty_order) && price !== null ? line.qty_order * price : null;
}

/**
 * A line's net (ex-tax) amount, first available wins (docs/revenue.md §1):
 * 1. `net_amount`: Halo's line net, discounts and pro-rata included (what Halo's own SQL sums);
 * 2. `net_total`;
 * 3. `qty_order` x unit price (`baseprice` when `unit_price` is absent or 0).
 * `null` when none is given.
 */
export function lineNet(line: HaloInvoiceLine): number | null {
  if (isNumber(line.net_amount)) return line.net_amount;
  if (isNumber(line.net_total)) return line.net_total;
  return qtyTimesPrice(line);
}

/** True when a discount exists that `lineNet` could not have applied (no line net given). */
export function discountIgnored(line: HaloInvoiceLine): boolean {
  return (
    !isNumber(line.net_amount) &&
    !isNumber(line.net_total) &&
    isNumber(line.discount_perc) &&
    line.discount_perc !== 0
  );
}

/** Header net = total - tax_total; null without a total. */
export function headerNet(header: HaloInvoice): number | null {
  if (!isNumber(header.total)) return null;
  return header.total - (isNumber(header.tax_total) ? header.tax_total : 0);
}

/** Tax of an invoice: the header's tax_total, else the sum of its lines' tax. */
export function invoiceTax(header: HaloInvoice): number {
  if (isNumber(header.tax_total)) return header.tax_total;
  let tax = 0;
  for (const line of header.lines ?? []) {
    const lineTax = isNumber(line.total_tax) ? line.total_tax : line.tax_amount;
    if (isNumber(lineTax)) tax += lineTax;
  }
  return tax;
}

export function hasLines(record: HaloInvoice): record is HaloInvoice & { lines: HaloInvoiceLine[] } {
  return Array.isArray(record.lines) && record.lines.length > 0;
}

/** Round half away from zero to cents; the tiny nudge keeps 1.005 from becoming 1.00. */
export function round2(value: number): number {
  const cents = Math.round(Math.abs(value) * 100 * (1 + Number.EPSILON));
  const rounded = cents / 100;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

export function positiveId(id: number | null | undefined): number | null {
  return typeof id === 'number' && id > 0 ? id : null;
}

/**
 * A recurring-template link: any whole id other than 0 and -1, because Halo's template ids are
 * negative and -1 means "not recurring" (docs/halo-api.md §8.1).
 */
export function recurringLink(id: number | null | undefined): number | null {
  return typeof id === 'number' && Number.isInteger(id) && id !== 0 && id !== -1 ? id : null;
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The record's currency as Halo names it (`currency`, else `currency_code_name`), or null. */
export function currencyOf(record: HaloInvoice): string | null {
  for (const value of [record.currency, record.currency_code_name]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/**
 * A line's net amount for summing: 0 when the line has none. Each guess made is written to
 * `warnings`, naming `owner` (e.g. `Invoice 12 ("INV-0012")`).
 */
export function lineAmount(line: HaloInvoiceLine, owner: string, warnings: string[]): number {
  const net = lineNet(line);
  if (net === null) {
    warnings.push(
      `${owner} line ${line.id} has no amount (no net_amount, net_total or qty x unit price); it counts as 0.`,
    );
    return 0;
  }
  if (discountIgnored(line)) {
    warnings.push(
      `${owner} line ${line.id} has a ${line.discount_perc}% discount but no net_amount; its amount is qty x unit price before discount.`,
    );
  }
  const product = qtyTimesPrice(line);
  if (isNumber(line.net_amount) && product !== null && Math.abs(product - line.net_amount) > 0.01) {
    warnings.push(
      `${owner} line ${line.id}: qty x unit price is ${round2(product)} but its net_amount is ${round2(line.net_amount)}; the net_amount (Halo's line net, discounts and pro-rata included) is counted.`,
    );
  }
  return net;
}
