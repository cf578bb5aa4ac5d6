import type { HaloAction, HaloTicket } from '../../halo/types.js';
import type { DatasetIndex } from '../dataset-index.js';

// Halo's ticket filters for billing work (`billableonly`, `ready_for_invoicing`) are in the spec
// with no stated meaning. The simulator takes the loosest reading that still narrows, so a client
// that trusts them without reading the actions over-counts: `billableonly` keeps tickets with any
// chargeable time (invoiced or not); `ready_for_invoicing` those with chargeable time that carries
// no invoice number yet, including time drawn from prepay.

function chargeable(action: HaloAction): boolean {
  return (action.actionchargehours ?? 0) > 0;
}

function notInvoiced(action: HaloAction): boolean {
  const number = action.actioninvoicenumber?.trim() ?? '';
  return number === '' && !((action.invoice_id ?? -1) > 0);
}

export function billableOnly(ix: DatasetIndex): (ticket: HaloTicket) => boolean {
  return (ticket) => (ix.actionsByTicket.get(ticket.id) ?? []).some(chargeable);
}

export function readyForInvoicing(ix: DatasetIndex): (ticket: HaloTicket) => boolean {
  return (ticket) => (ix.actionsByTicket.get(ticket.id) ?? []).some((a) => chargeable(a) && notInvoiced(a));
}
