import type { HaloContract, HaloInvoice } from '../halo/types.js';

// How warnings name records: the id always, the human reference when Halo gives one.

function named(kind: string, id: number, name: string | null | undefined): string {
  return typeof name === 'string' && name.trim() !== ''
    ? `${kind} ${id} ("${name.trim()}")`
    : `${kind} ${id}`;
}

export function describeTemplate(template: HaloInvoice): string {
  return named('Template', template.id, template.reference ?? template.invoicenumber);
}

export function describeInvoice(invoice: HaloInvoice): string {
  return named('Invoice', invoice.id, invoice.invoicenumber);
}

export function describeContract(contract: HaloContract): string {
  return named('Contract', contract.id, contract.ref);
}

/** "a, b and c"; past `max` items the rest are counted: "a, b and 3 more". */
export function listOf(items: string[], max = 10): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : items;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
