import type { HaloTicket } from '../../halo/types.js';
import type { DatasetIndex } from '../dataset-index.js';
import { omitFields, RowFilter } from '../listing.js';
import type { Query } from '../query.js';
import { type Endpoint, envelopedEndpoint } from './endpoint.js';

/** Statuses Halo's own report SQL treats as closed. */
const CLOSED_STATUSES = new Set([8, 9]);

/** Fields Halo only sends on `GET /Tickets/{id}` (not in `Faults_List`). */
const DETAIL_ONLY = [
  'details_html',
  'priority',
  'budgets',
  'assets',
  'attachments',
  'closure_note',
  'closure_note_html',
];

/** `datesearch` takes database column names; `dateoccured` is Halo's spelling. */
const DATE_COLUMNS: Record<string, keyof HaloTicket> = {
  dateoccured: 'dateoccurred',
  dateoccurred: 'dateoccurred',
  datecleared: 'dateclosed',
  dateclosed: 'dateclosed',
  lastactiondate: 'lastactiondate',
  last_update: 'last_update',
  datecreated: 'datecreated',
};

export function isClosed(ticket: HaloTicket): boolean {
  return ticket.status_id != null && CLOSED_STATUSES.has(ticket.status_id);
}

/** The ticket filter `team` takes team ids; older records carry only the team name. */
function teamTest(q: Query, ix: DatasetIndex): ((ticket: HaloTicket) => boolean) | undefined {
  const ids = q.ints('team');
  if (ids === undefined) return undefined;
  const idSet = new Set(ids);
  const names = new Set(
    ids.map((id) => ix.teams.byId.get(id)?.name.toLowerCase()).filter((name) => name !== undefined),
  );
  return (ticket) =>
    ticket.team_id != null ? idSet.has(ticket.team_id) : names.has(ticket.team?.toLowerCase() ?? '\u0000');
}

function assetTest(q: Query): ((ticket: HaloTicket) => boolean) | undefined {
  const assetId = q.int('asset_id');
  if (assetId === undefined) return undefined;
  return (ticket) => {
    const assets = (ticket as { assets?: Array<{ id?: number }> }).assets;
    return Array.isArray(assets) && assets.some((asset) => asset.id === assetId);
  };
}

function dateSearch(q: Query, filter: RowFilter<HaloTicket>): void {
  const column = DATE_COLUMNS[(q.str('datesearch') ?? 'dateoccured').toLowerCase()];
  if (column !== undefined) filter.dateRange('startdate', 'enddate', (ticket) => ticket[column]);
}

/**
 * Which records a ticket list starts from. `/Projects` serves the project domain (projects and
 * their tasks); `/Tickets` leaves it out unless asked with `domain=prjs`. `includeprojects` is a
 * filter, as the spec words it (docs/halo-api.md §8.6): 2 = projects (not opportunities) ONLY,
 * 1 = opportunities only (the simulator has none), 0 = neither (the default).
 */
function domainTest(q: Query, ix: DatasetIndex, projects: boolean): (ticket: HaloTicket) => boolean {
  const inProjects = (ticket: HaloTicket) => ix.projectDomain.has(ticket.id);
  if (projects || q.str('domain')?.toLowerCase() === 'prjs') return inProjects;
  const include = q.int('includeprojects');
  if (include === 2) return inProjects;
  if (include === 1) return () => false;
  return (ticket) => !inProjects(ticket);
}

function candidates(q: Query, ix: DatasetIndex): readonly HaloTicket[] {
  const ids = q.ints('ticketids');
  if (ids !== undefined) {
    return [...new Set(ids)]
      .sort((a, b) => a - b)
      .map((id) => ix.tickets.byId.get(id))
      .filter((ticket) => ticket !== undefined);
  }
  const clientId = q.int('client_id');
  return clientId === undefined ? ix.tickets.rows : (ix.tickets.byClient.get(clientId) ?? []);
}

function ticketFilter(q: Query, ix: DatasetIndex, projects: boolean): RowFilter<HaloTicket> {
  const filter = new RowFilter<HaloTicket>(q)
    .where(domainTest(q, ix, projects))
    .eq('client_id', (t) => t.client_id)
    .oneOf('client_ids', (t) => t.client_id)
    .eq('site_id', (t) => t.site_id)
    .eq('site', (t) => t.site_id)
    .eq('user_id', (t) => t.user_id)
    .eq('agent_id', (t) => t.agent_id)
    .eq('status_id', (t) => t.status_id)
    .eq('requesttype_id', (t) => t.tickettype_id)
    .eq('parent_id', (t) => t.parent_id)
    .eq('contract_id', (t) => t.contract_id)
    .oneOf('agent', (t) => t.agent_id)
    .oneOf('status', (t) => t.status_id)
    .oneOf('priority', (t) => t.priority_id)
    .oneOf('requesttype', (t) => t.tickettype_id)
    .where(teamTest(q, ix))
    .where(assetTest(q))
    .flag('open_only', (t) => !isClosed(t))
    .flag('closed_only', isClosed)
    .search('search', (t) => [t.summary, t.details, t.client_name, t.user_name])
    .search('search_summary', (t) => [t.summary])
    .search('search_details', (t) => [t.details])
    .search('search_user_name', (t) => [t.user_name])
    .search('search_reportedby', (t) => [t.reportedby]);
  dateSearch(q, filter);
  return filter;
}

/** The nested `priority` object real detail responses carry (not in the spec). */
function withPriority(ticket: HaloTicket, ix: DatasetIndex): HaloTicket {
  if (ticket.priority !== undefined || ticket.priority_id == null) return ticket;
  const rows = ix.priorities.rows.filter((p) => p.priorityid === ticket.priority_id);
  const match = rows.find((p) => p.slaid === ticket.sla_id) ?? rows[0];
  if (match === undefined) return ticket;
  const { priorityid, name, responsetime, fixtime } = match;
  return { ...ticket, priority: { priorityid, name, responsetime, fixtime } };
}

function ticketsEndpoint(name: string, projects: boolean): Endpoint {
  return envelopedEndpoint<HaloTicket>({
    name,
    key: 'tickets',
    table: (ix) => ix.tickets,
    candidates,
    filter: (q, ix) => ticketFilter(q, ix, projects),
    listRow: (ticket) => omitFields(ticket, DETAIL_ONLY),
    detailRow: (ticket, _q, ix) => withPriority(ticket, ix),
    orderAliases: { dateoccured: 'dateoccurred', datecleared: 'dateclosed' },
  });
}

export const ticketsEndpoints: Endpoint[] = [
  ticketsEndpoint('Tickets', false),
  ticketsEndpoint('Projects', true),
];
