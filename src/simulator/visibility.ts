import type { AgentAccount } from './agent-accounts.js';
import type { Dataset } from './dataset.js';
import { DatasetIndex } from './dataset-index.js';
import { dotnetExceptionBody } from './http-errors.js';

// What one signed-in agent may see, applied once in front of every endpoint: the endpoints read a
// per-agent view of the dataset (records of hidden clients removed before filtering and paging, as
// Halo's own queries would) and never know who asked. API-application tokens see everything.

/** Path segments (lower case) that need the invoicing right. */
const INVOICE_SEGMENTS = new Set(['invoice', 'recurringinvoice']);

export interface Refusal {
  status: number;
  body: string;
}

/** A 403 like Halo's for an area the agent has no rights to; undefined when the read is allowed. */
export function permissionRefusal(account: AgentAccount | undefined, segment: string): Refusal | undefined {
  if (account === undefined || account.invoices || !INVOICE_SEGMENTS.has(segment)) return undefined;
  return {
    status: 403,
    body: dotnetExceptionBody(`Agent ${account.agentId} does not have permission to view invoices.`),
  };
}

const belongs =
  (visible: ReadonlySet<number>) =>
  (row: { client_id?: number | null }): boolean =>
    row.client_id !== undefined && row.client_id !== null && visible.has(Number(row.client_id));

/** The dataset as an agent restricted to some clients sees it. */
export function visibleDataset(data: Dataset, clientIds: readonly number[]): Dataset {
  const visible = new Set(clientIds);
  const inView = belongs(visible);
  const tickets = data.tickets.filter(inView);
  const ticketIds = new Set(tickets.map((t) => t.id));
  return {
    ...data,
    clients: data.clients.filter((c) => visible.has(c.id)),
    sites: data.sites.filter(inView),
    users: data.users.filter(inView),
    tickets,
    actions: data.actions.filter((a) => ticketIds.has(a.ticket_id)),
    contracts: data.contracts.filter(inView),
    invoices: data.invoices.filter(inView),
    recurringInvoices: data.recurringInvoices.filter(inView),
    assets: data.assets.filter(inView),
  };
}

/** Per-agent indexes, built on first use and kept for the simulator's life. */
export class VisibilityViews {
  private readonly views = new Map<number, DatasetIndex>();

  constructor(private readonly full: DatasetIndex) {}

  indexFor(account: AgentAccount | undefined): DatasetIndex {
    if (account?.clientIds === undefined) return this.full;
    let view = this.views.get(account.agentId);
    if (view === undefined) {
      view = new DatasetIndex(visibleDataset(this.full.data, account.clientIds));
      this.views.set(account.agentId, view);
    }
    return view;
  }
}
