import type { GraphQLResolveInfo } from 'graphql';
import type { QueryParams } from '../../halo/resources.js';
import type { HaloCustomField, HaloPriority, HaloTicket } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import { ActionFilter, ActionPage, actionsOfTicket } from './action.js';
import { UNASSIGNED_AGENT_ID } from './agent.js';
import {
  dateRange,
  fromRowOr,
  loadOrNotFound,
  loadRelated,
  namedRelation,
  optionalId,
  requireId,
  searchText,
} from './args.js';
import { type PageArgs, PageInput, pageOf, pageType, toPage } from './page.js';
import {
  AgentRef,
  ClientRef,
  ContactRef,
  PriorityRef,
  ProjectRef,
  SiteRef,
  StatusRef,
  TeamRef,
  TicketRef,
  TicketTypeRef,
} from './refs.js';
import { CLOSED_STATUS_NOTE, isClosedStatus } from './status.js';

// Resolvers shared with Project (projects are tickets in Halo). A relation the ticket row already
// names (`client_id` + `client_name`, ...) costs no request when only its id and name are asked for.
export const ticketAgent = (tk: HaloTicket, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
  tk.agent_id === UNASSIGNED_AGENT_ID
    ? null
    : namedRelation(info, tk.agent_id, tk.agent_name, ctx.loaders.agent);
export const ticketStatus = (tk: HaloTicket, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
  namedRelation(info, tk.status_id, tk.status_name, ctx.loaders.status);
export const ticketClient = (tk: HaloTicket, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
  namedRelation(info, tk.client_id, tk.client_name, ctx.loaders.client);
/** Open = status not 8/9; a ticket without a status counts as open until it has a close date. */
export const ticketIsOpen = (tk: HaloTicket) =>
  tk.status_id == null ? !tk.dateclosed : !isClosedStatus(tk.status_id);
const NAME_NOTE =
  'Name as stored on the ticket: free, unlike the object field beside it, which loads the record.';
export const IS_OPEN_NOTE = `True unless the status is a closed one. ${CLOSED_STATUS_NOTE}`;

const SlaState = builder.enumType('SlaState', {
  description: 'Whether an SLA target was met, from Halo’s `I` (inside) / `O` (outside) codes.',
  values: {
    MET: { description: 'Met within the target (Halo `I`).' },
    BREACHED: { description: 'Missed the target (Halo `O`).' },
    PENDING: { description: 'Not decided yet (Halo leaves the code empty).' },
  },
});

function slaState(code: string | undefined): 'MET' | 'BREACHED' | 'PENDING' {
  const c = code?.trim().toUpperCase();
  return c === 'I' ? 'MET' : c === 'O' ? 'BREACHED' : 'PENDING';
}

const TicketSla = builder.objectRef<HaloTicket>('TicketSla').implement({
  description: 'Service level targets of a ticket and how it is doing against them.',
  fields: (t) => ({
    slaName: t.exposeString('sla_name', { description: 'The SLA that applies.' }),
    slaId: t.exposeInt('sla_id', { description: 'Id of that SLA (Priority.slaId).' }),
    responseBy: t.expose('respondbydate', { type: 'DateTime', description: 'First response due.' }),
    respondedAt: t.expose('responsedate', { type: 'DateTime', description: 'First response made.' }),
    fixBy: t.expose('fixbydate', { type: 'DateTime', description: 'Resolution due.' }),
    responseState: t.field({
      type: SlaState,
      nullable: false,
      description: 'Response target met, breached or still pending.',
      resolve: (tk) => slaState(tk.slaresponsestate),
    }),
    fixState: t.field({
      type: SlaState,
      nullable: false,
      description: 'Resolution target met, breached or pending (Halo fills it on the detail form only).',
      resolve: (tk) => slaState(tk.slastate),
    }),
    timeLeft: t.exposeFloat('slatimeleft', {
      description: 'Time left to the fix target as Halo reports it (unit not documented by Halo).',
    }),
    percentUsed: t.exposeFloat('slapercused', { description: 'Share of the SLA time used, in percent.' }),
    excluded: t.boolean({
      nullable: false,
      description: 'The ticket is excluded from SLA reporting.',
      resolve: (tk) => tk.excludefromsla === true,
    }),
  }),
});

const TicketCustomField = builder.objectRef<HaloCustomField>('TicketCustomField').implement({
  description: 'A tenant-defined field on a ticket.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Internal field name (e.g. `CFcostCentre`).' }),
    label: t.exposeString('label', { description: 'Label shown in Halo.' }),
    value: t.field({
      type: 'JSON',
      description: 'Raw stored value (type depends on the field).',
      resolve: (f) => f.value,
    }),
    display: t.exposeString('display', { description: 'Value as Halo displays it.' }),
  }),
});

TicketRef.implement({
  description: 'A service ticket (Halo "Ticket", spec `Faults`): an incident, request, problem or task.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    summary: t.exposeString('summary', { description: 'One-line title.' }),
    details: t.exposeString('details', { description: 'The description as plain text.' }),
    statusName: t.exposeString('status_name', { description: NAME_NOTE }),
    status: t.field({ type: StatusRef, resolve: (tk, _args, ctx, info) => ticketStatus(tk, ctx, info) }),
    typeName: t.exposeString('tickettype_name', { description: NAME_NOTE }),
    type: t.field({
      type: TicketTypeRef,
      resolve: (tk, _args, ctx, info) =>
        namedRelation(info, tk.tickettype_id, tk.tickettype_name, ctx.loaders.ticketType),
    }),
    priorityName: t.string({
      description: NAME_NOTE,
      resolve: (tk) => tk.priority_name ?? tk.priority?.name,
    }),
    priority: t.field({
      type: PriorityRef,
      description: 'The priority as defined in the ticket’s SLA.',
      resolve: (tk, _args, ctx, info) => {
        if (tk.priority_id == null) return null;
        const name = tk.priority_name ?? tk.priority?.name;
        const copy = name ? ({ priorityid: tk.priority_id, name } as HaloPriority) : null;
        return fromRowOr(info, ['priorityId', 'name'], copy, () =>
          ctx.loaders.priority(tk.priority_id!, tk.sla_id),
        );
      },
    }),
    clientName: t.exposeString('client_name', { description: NAME_NOTE }),
    client: t.field({ type: ClientRef, resolve: (tk, _args, ctx, info) => ticketClient(tk, ctx, info) }),
    siteName: t.exposeString('site_name', { description: NAME_NOTE }),
    site: t.field({
      type: SiteRef,
      resolve: (tk, _args, ctx, info) => namedRelation(info, tk.site_id, tk.site_name, ctx.loaders.site),
    }),
    contactName: t.exposeString('user_name', { description: 'The end user who raised it.' }),
    contactEmail: t.exposeString('user_email', { description: 'Email of the end user who raised it.' }),
    contact: t.field({
      type: ContactRef,
      description: 'The end user who raised it.',
      resolve: (tk, _args, ctx) => loadRelated(ctx.loaders.contact, tk.user_id),
    }),
    agentName: t.exposeString('agent_name', { description: '"Unassigned" when nobody has it.' }),
    agent: t.field({
      type: AgentRef,
      description: 'The assigned agent; null when unassigned.',
      resolve: (tk, _args, ctx, info) => ticketAgent(tk, ctx, info),
    }),
    teamName: t.exposeString('team', { description: NAME_NOTE }),
    team: t.field({
      type: TeamRef,
      description: 'The team it is routed to (Halo names the team on tickets; older builds give no team id).',
      resolve: async (tk, _args, ctx, info) => {
        if (tk.team_id != null) return namedRelation(info, tk.team_id, tk.team, ctx.loaders.team);
        const name = tk.team?.trim().toLowerCase();
        if (!name) return null;
        return (await ctx.reference.get('teams')).find((team) => team.name.toLowerCase() === name) ?? null;
      },
    }),
    category: t.exposeString('category_1', { description: 'First-level category.' }),
    openedAt: t.expose('dateoccurred', { type: 'DateTime', description: 'When the issue was reported.' }),
    closedAt: t.expose('dateclosed', {
      type: 'DateTime',
      description: 'When it was closed; null while open.',
    }),
    lastActionAt: t.expose('lastactiondate', { type: 'DateTime', description: 'Time of the latest action.' }),
    targetDate: t.expose('targetdate', { type: 'DateTime', description: 'Target date set on the ticket.' }),
    deadline: t.expose('deadlinedate', { type: 'DateTime', description: 'Hard deadline set on the ticket.' }),
    isOpen: t.boolean({ nullable: false, description: IS_OPEN_NOTE, resolve: ticketIsOpen }),
    onHold: t.boolean({
      nullable: false,
      description: 'SLA clock paused.',
      resolve: (tk) => tk.onhold === true,
    }),
    sla: t.field({
      type: TicketSla,
      nullable: false,
      description: 'SLA targets and state.',
      resolve: (tk) => tk,
    }),
    timeTakenHours: t.float({
      nullable: false,
      description: 'Time logged on it.',
      resolve: (tk) => tk.timetaken ?? 0,
    }),
    estimateHours: t.exposeFloat('estimate', { description: 'Estimated effort in hours.' }),
    chargeableHours: t.float({
      nullable: false,
      description: 'Hours billable to the client.',
      resolve: (tk) => tk.chargehours ?? 0,
    }),
    nonChargeableHours: t.float({
      nullable: false,
      description: 'Hours logged but not billed.',
      resolve: (tk) => tk.nonchargehours ?? 0,
    }),
    parent: t.field({
      type: TicketRef,
      description: 'The parent ticket (for a project task: the project, as a ticket).',
      // A task's parent is its project: read (or already listed) from /Projects, the domain it lives
      // in. Otherwise the ticket loader, then /Projects for a parent it did not find.
      resolve: async (tk, _args, ctx) => {
        if (tk.main_project_id != null && tk.main_project_id === tk.parent_id) {
          const project = await loadRelated(ctx.loaders.project, tk.parent_id);
          if (project) return project;
        }
        return (
          (await loadRelated(ctx.loaders.ticket, tk.parent_id)) ??
          loadRelated(ctx.loaders.project, tk.parent_id)
        );
      },
    }),
    project: t.field({
      type: ProjectRef,
      description: 'The project this ticket is a task of, when its parent is a project.',
      resolve: async (tk, _args, ctx) => {
        const project = await loadRelated(ctx.loaders.project, tk.main_project_id ?? tk.parent_id);
        return project?.is_project === false ? null : project;
      },
    }),
    childCount: t.int({
      nullable: false,
      description: 'Child tickets.',
      resolve: (tk) => tk.child_count ?? 0,
    }),
    tags: t.stringList({
      nullable: false,
      description: 'Tags on the ticket.',
      resolve: (tk) => (tk.ticket_tags ?? '').split(',').flatMap((tag) => (tag.trim() ? [tag.trim()] : [])),
    }),
    customFields: t.field({
      type: [TicketCustomField],
      nullable: false,
      description: 'Tenant-defined fields and their values.',
      resolve: (tk) => tk.customfields ?? [],
    }),
    actions: t.field({
      type: ActionPage,
      nullable: false,
      description:
        'The ticket’s history, oldest first. All its actions are read in one request and then ' +
        'filtered and paged here, so totals cover every match.',
      args: { filter: t.arg({ type: ActionFilter }), page: t.arg({ type: PageInput }) },
      resolve: (tk, args, ctx) => actionsOfTicket(tk.id, args, ctx),
    }),
  }),
});

export const TicketPage = pageType<HaloTicket>('Ticket', TicketRef, 'A page of tickets.');

const TicketOrder = builder.enumType('TicketOrder', {
  description: 'Order of a ticket list (ties broken by id, newest first).',
  values: {
    OPENED_DESC: { description: 'Newest first (default).' },
    OPENED_ASC: { description: 'Oldest first.' },
    LAST_ACTION_DESC: { description: 'Most recently updated first.' },
    CLOSED_DESC: { description: 'Most recently closed first.' },
    ID_DESC: { description: 'Highest ticket number first.' },
    ID_ASC: { description: 'Lowest ticket number first.' },
  },
});

const ORDER: Record<typeof TicketOrder.$inferType, { order: string; orderdesc: boolean }> = {
  OPENED_DESC: { order: 'dateoccurred', orderdesc: true },
  OPENED_ASC: { order: 'dateoccurred', orderdesc: false },
  LAST_ACTION_DESC: { order: 'lastactiondate', orderdesc: true },
  CLOSED_DESC: { order: 'dateclosed', orderdesc: true },
  ID_DESC: { order: 'id', orderdesc: true },
  ID_ASC: { order: 'id', orderdesc: false },
};

export const TicketFilter = builder.inputType('TicketFilter', {
  description: 'Narrows a ticket list; every field is optional and they combine with AND. Filtered by Halo.',
  fields: (t) => ({
    clientId: t.int({ description: 'The client’s tickets (ignored on Client.tickets).' }),
    siteId: t.int({ description: 'Tickets of this site (ignored on Site.tickets).' }),
    contactId: t.int({ description: 'The end user who raised it.' }),
    agentId: t.int({ description: 'Assigned agent (1 = Unassigned).' }),
    statusIds: t.intList({ description: 'Any of these statuses.' }),
    typeIds: t.intList({ description: 'Any of these ticket types.' }),
    teamIds: t.intList({ description: 'Any of these teams.' }),
    priorityIds: t.intList({ description: 'Any of these priority numbers (Priority.priorityId).' }),
    open: t.boolean({ description: `true: open tickets only; false: closed only. ${CLOSED_STATUS_NOTE}` }),
    openedFrom: t.field({ type: 'Date', description: 'Opened on or after this day.' }),
    openedTo: t.field({ type: 'Date', description: 'Opened on or before this day.' }),
    closedFrom: t.field({
      type: 'Date',
      description:
        'Closed on or after this day (cannot be combined with opened dates: Halo searches one date).',
    }),
    closedTo: t.field({ type: 'Date', description: 'Closed on or before this day.' }),
    search: t.string({
      description: 'Halo’s ticket text search (summary, details and other indexed fields).',
    }),
    orderBy: t.field({ type: TicketOrder, defaultValue: 'OPENED_DESC', description: 'Sort order.' }),
  }),
});

type TicketFilterArgs = typeof TicketFilter.$inferInput;

const MAX_IDS = 100;

function idList(ids: readonly number[] | null | undefined, what: string): string | undefined {
  if (ids == null || ids.length === 0) return undefined;
  if (ids.length > MAX_IDS) throw badInput(`${what} takes at most ${MAX_IDS} ids, got ${ids.length}.`);
  return ids.map((id) => requireId(id, what)).join(',');
}

/** Halo's one date search: `datesearch` names the column (opened is spelt `dateoccured`). */
function dateSearch(f: TicketFilterArgs): QueryParams {
  dateRange(f.openedFrom, f.openedTo);
  dateRange(f.closedFrom, f.closedTo);
  const opened = f.openedFrom || f.openedTo;
  const closed = f.closedFrom || f.closedTo;
  if (opened && closed)
    throw badInput('Give opened dates or closed dates, not both: Halo searches one date at a time.');
  if (!opened && !closed) return {};
  const [from, to] = opened ? [f.openedFrom, f.openedTo] : [f.closedFrom, f.closedTo];
  return {
    datesearch: opened ? 'dateoccured' : 'datecleared',
    startdate: from ? `${from}T00:00:00` : undefined,
    enddate: to ? `${to}T23:59:59` : undefined,
  };
}

/** Translates the filter to Halo's own `/Tickets` parameters; validates everything first. */
export function ticketQuery(f: TicketFilterArgs): QueryParams {
  return {
    client_id: optionalId(f.clientId, 'clientId'),
    site_id: optionalId(f.siteId, 'siteId'),
    user_id: optionalId(f.contactId, 'contactId'),
    agent_id: optionalId(f.agentId, 'agentId'),
    status: idList(f.statusIds, 'statusIds'),
    requesttype: idList(f.typeIds, 'typeIds'),
    team: idList(f.teamIds, 'teamIds'),
    priority: idList(f.priorityIds, 'priorityIds'),
    open_only: f.open === true ? true : undefined,
    closed_only: f.open === false ? true : undefined,
    search: searchText(f.search),
    ...dateSearch(f),
    ...ORDER[f.orderBy ?? 'OPENED_DESC'],
    order2: 'id',
    orderdesc2: true,
  };
}

/** One page of tickets from Halo; `scope` pins the parent's id over what the filter says. */
async function listTickets(
  ctx: GraphQLContext,
  args: { filter?: TicketFilterArgs | null; page?: PageArgs | null },
  scope: Partial<TicketFilterArgs> = {},
) {
  const paging = pageOf(args.page);
  const query = ticketQuery({ ...args.filter, ...scope });
  const result = await ctx.halo.list('tickets', query, paging);
  ctx.loaders.prime('tickets', result.records);
  return toPage(result, paging);
}

const SCOPE_NOTE = 'Filtered and paged by Halo.';

builder.objectFields(ClientRef, (t) => ({
  tickets: t.field({
    type: TicketPage,
    nullable: false,
    description: `The client’s tickets (filter.clientId is ignored here). ${SCOPE_NOTE}`,
    args: { filter: t.arg({ type: TicketFilter }), page: t.arg({ type: PageInput }) },
    resolve: (c, args, ctx) => listTickets(ctx, args, { clientId: c.id }),
  }),
}));

builder.objectFields(SiteRef, (t) => ({
  tickets: t.field({
    type: TicketPage,
    nullable: false,
    description: `Tickets logged against this site (filter.siteId is ignored here). ${SCOPE_NOTE}`,
    args: { filter: t.arg({ type: TicketFilter }), page: t.arg({ type: PageInput }) },
    resolve: (s, args, ctx) => listTickets(ctx, args, { siteId: s.id }),
  }),
}));

builder.objectFields(ContactRef, (t) => ({
  tickets: t.field({
    type: TicketPage,
    nullable: false,
    description: `Tickets this contact raised (filter.contactId is ignored here). ${SCOPE_NOTE}`,
    args: { filter: t.arg({ type: TicketFilter }), page: t.arg({ type: PageInput }) },
    resolve: (u, args, ctx) => listTickets(ctx, args, { contactId: u.id }),
  }),
}));

builder.objectFields(AgentRef, (t) => ({
  openTickets: t.field({
    type: TicketPage,
    nullable: false,
    description: `Open tickets assigned to the agent, newest first; totalCount is the agent’s open ticket load. ${SCOPE_NOTE}`,
    args: { page: t.arg({ type: PageInput }) },
    resolve: (a, args, ctx) => listTickets(ctx, args, { agentId: a.id, open: true }),
  }),
}));

builder.queryFields((t) => ({
  ticket: t.field({
    type: TicketRef,
    nullable: false,
    description: 'One ticket by id (its full detail record).',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.ticket, args.id, 'ticket'),
  }),
  tickets: t.field({
    type: TicketPage,
    nullable: false,
    description: `Tickets, newest first unless filter.orderBy says otherwise. ${SCOPE_NOTE}`,
    args: { filter: t.arg({ type: TicketFilter }), page: t.arg({ type: PageInput }) },
    resolve: (_root, args, ctx) => listTickets(ctx, args),
  }),
}));
