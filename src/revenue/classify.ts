import type { HaloInvoice, HaloInvoiceLine } from '../halo/types.js';
import { positiveId, recurringLink } from './amounts.js';
import type { LineKind } from './types.js';

/**
 * The kind of an invoice line (docs/revenue.md §2), first match wins: template, ticket,
 * contract, item, other. Each reference is the line's own, else the header's; `_itemid` is the
 * line's only. With no line, the header alone decides (an invoice read without lines). A template
 * link is any id but 0 and -1 (template ids are negative); `is_recurring_invoice` is never read.
 */
export function classifyLine(line: HaloInvoiceLine | null, header: HaloInvoice): LineKind {
  const own = (
    pick: (record: HaloInvoiceLine | HaloInvoice) => number | null | undefined,
    link: (id: number | null | undefined) => number | null = positiveId,
  ) => (line ? link(pick(line)) : null) ?? link(pick(header));
  if (own((r) => r.recurring_invoice_id, recurringLink) !== null) return 'template';
  if (own((r) => r.ticket_id) !== null) return 'ticket';
  if (own((r) => r.contract_id) !== null) return 'contract';
  if (line && positiveId(line._itemid) !== null) return 'item';
  return 'other';
}

export function isRecurring(kind: LineKind): boolean {
  return kind === 'template' || kind === 'contract';
}
