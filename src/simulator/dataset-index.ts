import type { HaloAction, HaloTicket } from '../halo/types.js';
import type { Dataset } from './dataset.js';

interface Keyed {
  id: number | string;
  client_id?: number | null;
}

/** One resource's rows sorted by id, with lookups by id and by client. */
export interface Table<T extends Keyed> {
  rows: readonly T[];
  byId: ReadonlyMap<number | string, T>;
  byClient: ReadonlyMap<number, readonly T[]>;
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K | null | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null || k === undefined) continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

function table<T extends Keyed>(source: readonly T[]): Table<T> {
  const rows = [...source].sort((a, b) => compareIds(a.id, b.id));
  return {
    rows,
    byId: new Map(rows.map((row) => [row.id, row])),
    byClient: groupBy(rows, (row) => row.client_id),
  };
}

/** Lookups built once per dataset so by-id and per-client requests do not scan whole arrays. */
export class DatasetIndex {
  readonly tickets;
  readonly clients;
  readonly sites;
  readonly users;
  readonly agents;
  readonly teams;
  readonly statuses;
  readonly ticketTypes;
  readonly priorities;
  readonly contracts;
  readonly invoices;
  readonly recurringInvoices;
  readonly assets;
  readonly reports;
  /** Actions of each ticket, ordered by their per-ticket id. */
  readonly actionsByTicket: ReadonlyMap<number, readonly HaloAction[]>;
  /** Ids of projects and of tickets below a project (project tasks). */
  readonly projectDomain: ReadonlySet<number>;

  constructor(readonly data: Dataset) {
    this.tickets = table(data.tickets);
    this.clients = table(data.clients);
    this.sites = table(data.sites);
    this.users = table(data.users);
    this.agents = table(data.agents);
    this.teams = table(data.teams);
    this.statuses = table(data.statuses);
    this.ticketTypes = table(data.ticketTypes);
    this.priorities = table(data.priorities);
    this.contracts = table(data.contracts);
    this.invoices = table(data.invoices);
    this.recurringInvoices = table(data.recurringInvoices);
    this.assets = table(data.assets);
    this.reports = table(data.reports);
    const actions = groupBy(data.actions, (action) => action.ticket_id);
    for (const list of actions.values()) list.sort((a, b) => a.id - b.id);
    this.actionsByTicket = actions;
    this.projectDomain = projectDomainIds(this.tickets.byId);
  }

  action(ticketId: number, id: number): HaloAction | undefined {
    return this.actionsByTicket.get(ticketId)?.find((action) => action.id === id);
  }
}

function projectDomainIds(byId: ReadonlyMap<number | string, HaloTicket>): Set<number> {
  const domain = new Set<number>();
  const settled = new Map<number, boolean>();
  const inDomain = (ticket: HaloTicket, depth: number): boolean => {
    const known = settled.get(ticket.id);
    if (known !== undefined) return known;
    const parent = ticket.parent_id != null && ticket.parent_id > 0 ? byId.get(ticket.parent_id) : undefined;
    const result =
      ticket.is_project === true || (parent !== undefined && depth < 32 && inDomain(parent, depth + 1));
    settled.set(ticket.id, result);
    return result;
  };
  for (const ticket of byId.values()) if (inDomain(ticket, 0)) domain.add(ticket.id);
  return domain;
}
