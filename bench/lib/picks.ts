import { isContractActive } from '../../src/revenue/index.js';
import type { Dataset } from '../../src/simulator/dataset.js';

/** Realistic, heavy-side arguments for every tool, chosen from the dataset itself. */
export interface Picks {
  /** The customer with the most tickets. */
  busyClient: number;
  /** The client with the most of each collection. */
  contractClient: number;
  invoiceClient: number;
  templateClient: number;
  assetClient: number;
  projectClient: number;
  /** The client invoiced most in the 12 months to today (the revenue tool's default period). */
  revenueClient: number;
  /** A service ticket with the most actions (newest among equals). */
  ticket: number;
  /** The project with the most tasks. */
  project: number;
  /** The active contract with the most recurring invoice templates, then billing plans. */
  contract: number;
  /** The invoice and the recurring invoice template with the most lines. */
  invoice: number;
  template: number;
  /** The asset with the most linked assets. */
  asset: number;
  /** The saved report with the most rows. */
  report: number;
  /** A word in many client names, for list_clients. */
  clientSearch: string;
}

/** Key with the highest count; ties go to the highest key (the newest record). */
function mostFrequent(keys: Iterable<number | null | undefined>): number {
  const counts = new Map<number, number>();
  for (const key of keys) if (key != null && key > 0) counts.set(key, (counts.get(key) ?? 0) + 1);
  return best(counts);
}

function best(scores: Map<number, number>): number {
  let top: [number, number] | undefined;
  for (const entry of scores) {
    if (!top || entry[1] > top[1] || (entry[1] === top[1] && entry[0] > top[0])) top = entry;
  }
  if (!top) throw new Error('no record to pick from');
  return top[0];
}

function maxBy<T extends { id: number }>(rows: T[], score: (row: T) => number): number {
  return best(new Map(rows.map((row) => [row.id, score(row)])));
}

function yearBefore(today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCFullYear(day.getUTCFullYear() - 1);
  return day.toISOString().slice(0, 10);
}

export function pickArguments(data: Dataset): Picks {
  const customer = (id: number | null | undefined) => id != null && id > 1;
  const serviceTickets = data.tickets.filter((t) => !t.is_project && customer(t.client_id));
  const serviceIds = new Set(serviceTickets.map((t) => t.id));
  const projectIds = new Set(data.tickets.filter((t) => t.is_project).map((t) => t.id));
  const templatesPerContract = new Map<number, number>();
  for (const r of data.recurringInvoices) {
    if (r.contract_id != null && r.contract_id > 0) {
      templatesPerContract.set(r.contract_id, (templatesPerContract.get(r.contract_id) ?? 0) + 1);
    }
  }
  const from = yearBefore(data.today);
  const invoiced = new Map<number, number>();
  for (const i of data.invoices) {
    const day = i.invoice_date?.slice(0, 10) ?? '';
    if (i.client_id == null || day < from || day > data.today || i.voided) continue;
    invoiced.set(i.client_id, (invoiced.get(i.client_id) ?? 0) + (i.total ?? 0));
  }
  const words = new Map<string, number>();
  for (const c of data.clients) {
    for (const w of c.name.split(/\s+/)) if (w.length > 3) words.set(w, (words.get(w) ?? 0) + 1);
  }
  return {
    busyClient: mostFrequent(serviceTickets.map((t) => t.client_id)),
    contractClient: mostFrequent(data.contracts.map((c) => c.client_id)),
    invoiceClient: mostFrequent(data.invoices.map((i) => i.client_id)),
    templateClient: mostFrequent(data.recurringInvoices.map((r) => r.client_id)),
    assetClient: mostFrequent(data.assets.map((a) => a.client_id)),
    projectClient: mostFrequent(data.tickets.filter((t) => t.is_project).map((t) => t.client_id)),
    revenueClient: best(invoiced),
    ticket: mostFrequent(data.actions.filter((a) => serviceIds.has(a.ticket_id)).map((a) => a.ticket_id)),
    project: mostFrequent(
      data.tickets.filter((t) => projectIds.has(t.parent_id ?? -1)).map((t) => t.parent_id),
    ),
    contract: maxBy(
      data.contracts.filter((c) => isContractActive(c, data.today)),
      (c) => (templatesPerContract.get(c.id) ?? 0) * 1000 + (c.billingplans?.length ?? 0),
    ),
    invoice: maxBy(data.invoices, (i) => i.lines?.length ?? 0),
    template: maxBy(data.recurringInvoices, (r) => r.lines?.length ?? 0),
    asset: maxBy(data.assets, (a) => (a.child_assets?.length ?? 0) + (a.parent_assets?.length ?? 0)),
    report: maxBy(data.reports, (r) => r.rows.length),
    clientSearch: [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'Ltd',
  };
}
