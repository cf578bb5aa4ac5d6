import type { SimulatorVariant } from './types.js';

/** Flags this Halo build ignores: every invoice list holds every kind, whatever is asked. */
const INCLUDE_FLAGS = ['includeinvoices', 'includecredits', 'includepoinvoices'] as const;

/** The list this build sends as a bare array although other builds wrap it. */
const BARE_LIST = { resource: 'clientcontract', key: 'contracts' } as const;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Template ids as positive numbers, the reading docs/halo-api.md §8.1 says real Halo does not have. */
function positive(value: unknown): unknown {
  return typeof value === 'number' && value < -1 ? -value : value;
}

function reshapeInvoiceHeader(header: Json, template: boolean): Json {
  const out: Json = { ...header };
  if (template) {
    out.id = positive(out.id);
    delete out.schedule;
  }
  if ('recurring_invoice_id' in out) out.recurring_invoice_id = positive(out.recurring_invoice_id);
  if (Array.isArray(out.lines)) {
    out.lines = out.lines.map((line) =>
      isRecord(line)
        ? {
            ...line,
            ...('recurring_invoice_id' in line
              ? { recurring_invoice_id: positive(line.recurring_invoice_id) }
              : {}),
            ...(template && 'ihid' in line ? { ihid: positive(line.ihid) } : {}),
          }
        : line,
    );
  }
  return out;
}

function reshapeRows(body: unknown, key: string, reshape: (row: Json) => Json): unknown {
  if (Array.isArray(body)) return body.map((row) => (isRecord(row) ? reshape(row) : row));
  if (isRecord(body) && Array.isArray(body[key])) {
    return { ...body, [key]: (body[key] as unknown[]).map((row) => (isRecord(row) ? reshape(row) : row)) };
  }
  return body;
}

/**
 * `--variant different-halo`: positive recurring template ids (a template answers at
 * `/RecurringInvoice/{positive id}` too), no `schedule` on templates, `/ClientContract` as a bare
 * array, and the invoice include flags ignored. `halo-psa-mcp doctor` must report each as DIFFERS.
 */
export const differentHalo: SimulatorVariant = {
  name: 'different-halo',

  query(resource, params) {
    if (resource !== 'invoice' && resource !== 'recurringinvoice') return params;
    const out = new URLSearchParams(params);
    for (const flag of INCLUDE_FLAGS) out.set(flag, 'true');
    return out;
  },

  detailId(resource, id, index) {
    if (resource !== 'recurringinvoice' || !/^\d+$/.test(id)) return id;
    const stored = -Number(id);
    return index.recurringInvoices.byId.has(stored) ? String(stored) : id;
  },

  body(resource, form, body) {
    if (resource === 'recurringinvoice' || resource === 'invoice') {
      const template = resource === 'recurringinvoice';
      if (form === 'detail') return isRecord(body) ? reshapeInvoiceHeader(body, template) : body;
      return reshapeRows(body, 'invoices', (row) => reshapeInvoiceHeader(row, template));
    }
    if (resource === BARE_LIST.resource && form === 'list' && isRecord(body)) {
      const rows = body[BARE_LIST.key];
      return Array.isArray(rows) ? rows : body;
    }
    return body;
  },
};
