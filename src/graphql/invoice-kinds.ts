import type { QueryParams } from '../halo/resources.js';

/**
 * Credit notes and supplier (purchase-order) invoices share Halo's `/Invoice` list, and what Halo
 * includes when these flags are absent is unknown (docs/halo-api.md §8.3), so every invoice read
 * sends all three: customer invoices and credit notes, never supplier invoices.
 */
export const REVENUE_INVOICE_KINDS = {
  includeinvoices: true,
  includecredits: true,
  includepoinvoices: false,
} as const satisfies QueryParams;

/** Said wherever an answer lists invoices, so a reader knows what the list holds. */
export const INVOICE_KINDS_TEXT =
  'customer invoices and credit notes (sent to Halo as includeinvoices=true, includecredits=true, includepoinvoices=false); supplier (purchase-order) invoices are never included';
