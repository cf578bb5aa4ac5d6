import type { HaloAction, HaloTicket } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import { cappedHistories } from '../loaders.js';
import { dateRange, loadOrNotFound, loadRelated, optionalId } from './args.js';
import { type Page, type PageArgs, PageInput, pageArray, pageOf, pageType } from './page.js';
import { ActionRef, AgentRef, TicketRef } from './refs.js';

/** Most tickets whose actions one `actions` query without `ticketId` reads (one request each). */
export const MAX_SCANNED_TICKETS = 50;

ActionRef.implement({
  description:
    'One entry in a ticket’s history (Halo "Action"): a note, email, status change or time entry. ' +
    'Action ids restart at 1 on every ticket, so an action is identified by (ticketId, id).',
  fields: (t) => ({
    id: t.exposeInt('id', {
      nullable: false,
      description: 'Sequence number within its ticket (not unique).',
    }),
    ticketId: t.exposeInt('ticket_id', { nullable: false, description: 'The ticket it belongs to.' }),
    ticket: t.field({
      type: TicketRef,
      description: 'The ticket it belongs to.',
      resolve: (a, _args, ctx) => loadRelated(ctx.loaders.ticket, a.ticket_id),
    }),
    outcome: t.exposeString('outcome', {
      description: 'Kind of action as named in Halo (e.g. "Private Note").',
    }),
    who: t.exposeString('who', { description: 'Display name of the author (agent or contact).' }),
    agent: t.field({
      type: AgentRef,
      description: 'The agent who wrote it; null when the author is not an agent.',
      resolve: (a, _args, ctx) => loadRelated(ctx.loaders.agent, a.who_agentid),
    }),
    at: t.expose('datetime', { type: 'DateTime', description: 'When the action happened.' }),
    note: t.exposeString('note', {
      description: 'The full note as plain text (can be long: emails are included).',
    }),
    emailSubject: t.exposeString('emailsubject', { description: 'Subject, when the action is an email.' }),
    isPrivate: t.boolean({
      nullable: false,
      description: 'Hidden from the end user (internal note).',
      resolve: (a) => a.hiddenfromuser === true,
    }),
    important: t.boolean({
      nullable: false,
      description: 'Flagged as important in Halo.',
      resolve: (a) => a.important === true,
    }),
    timeTakenHours: t.float({
      nullable: false,
      description: 'Time recorded, in hours.',
      resolve: (a) => a.timetaken ?? 0,
    }),
    chargeableHours: t.float({
      nullable: false,
      description: 'Billable hours.',
      resolve: (a) => a.actionchargehours ?? 0,
    }),
    nonChargeableHours: t.float({
      nullable: false,
      description: 'Non-billable hours.',
      resolve: (a) => a.actionnonchargehours ?? 0,
    }),
    chargeAmount: t.expose('actionchargeamount', {
      type: 'Money',
      description: 'Amount charged for this time.',
    }),
    newStatusName: t.exposeString('new_status_name', {
      description: 'Status the ticket moved to, if it changed.',
    }),
  }),
});

interface ActionTotals {
  count: number;
  hours: number;
  chargeableHours: number;
  nonChargeableHours: number;
  chargeAmount: number;
}

interface ScanReport {
  ticketsScanned: number;
  truncated: boolean;
  notice: string | null;
}

const ActionTotalsRef = builder.objectRef<ActionTotals>('ActionTotals').implement({
  description: 'Sums over every action that matched (all pages), not only the page shown.',
  fields: (t) => ({
    count: t.exposeInt('count', { nullable: false, description: 'Actions that matched.' }),
    hours: t.exposeFloat('hours', { nullable: false, description: 'Time taken, in hours.' }),
    chargeableHours: t.exposeFloat('chargeableHours', { nullable: false, description: 'Billable hours.' }),
    nonChargeableHours: t.exposeFloat('nonChargeableHours', {
      nullable: false,
      description: 'Non-billable hours.',
    }),
    chargeAmount: t.field({
      type: 'Money',
      nullable: false,
      description: 'Amount charged.',
      resolve: (s) => s.chargeAmount,
    }),
  }),
});

export const ActionPage = pageType<HaloAction>(
  'Action',
  ActionRef,
  'A page of actions, with totals over all matches and how many tickets were read to find them.',
);

// Page<T> is shared by every list; the action-only extras ride beside it, keyed by the page object.
const extras = new WeakMap<Page<HaloAction>, ScanReport & { totals: ActionTotals }>();
const extrasOf = (page: Page<HaloAction>) => extras.get(page)!;

builder.objectFields(ActionPage, (t) => ({
  totals: t.field({
    type: ActionTotalsRef,
    nullable: false,
    description: 'Sums over all matches.',
    resolve: (p) => extrasOf(p).totals,
  }),
  ticketsScanned: t.int({
    nullable: false,
    description: 'Tickets whose actions were read (Halo serves actions one ticket at a time).',
    resolve: (p) => extrasOf(p).ticketsScanned,
  }),
  truncated: t.boolean({
    nullable: false,
    description: `True when actions may be missing: more tickets matched than were read (at most ${MAX_SCANNED_TICKETS}), or Halo counted more actions on a ticket than it returned (its row cap).`,
    resolve: (p) => extrasOf(p).truncated,
  }),
  notice: t.string({
    description: 'Plain-language note on what was and was not searched, when it matters.',
    resolve: (p) => extrasOf(p).notice,
  }),
}));

const round = (n: number) => Math.round(n * 10_000) / 10_000;

function totalsOf(rows: readonly HaloAction[]): ActionTotals {
  const sum = (get: (a: HaloAction) => number | undefined) =>
    round(rows.reduce((acc, a) => acc + (get(a) ?? 0), 0));
  return {
    count: rows.length,
    hours: sum((a) => a.timetaken),
    chargeableHours: sum((a) => a.actionchargehours),
    nonChargeableHours: sum((a) => a.actionnonchargehours),
    chargeAmount: sum((a) => a.actionchargeamount),
  };
}

/** Local filters over actions already read (Halo's own action filters are per ticket only). */
export interface ActionConditions {
  agentId?: number;
  from?: string | null;
  to?: string | null;
  timeEntriesOnly?: boolean | null;
  excludePrivate?: boolean | null;
}

function keep(a: HaloAction, c: ActionConditions): boolean {
  const day = a.datetime?.slice(0, 10);
  return (
    (c.agentId === undefined || a.who_agentid === c.agentId) &&
    (!c.excludePrivate || a.hiddenfromuser !== true) &&
    (!c.timeEntriesOnly || (a.timetaken ?? 0) > 0) &&
    (!c.from || (day !== undefined && day >= c.from)) &&
    (!c.to || (day !== undefined && day <= c.to))
  );
}

/** Filters, totals and pages actions that were read whole. */
export function actionPage(
  rows: readonly HaloAction[],
  conditions: ActionConditions,
  paging: { pageNo: number; pageSize: number },
  scan: ScanReport = { ticketsScanned: 1, truncated: false, notice: null },
): Page<HaloAction> {
  const matched = rows.filter((a) => keep(a, conditions));
  const page = pageArray(matched, paging);
  extras.set(page, { ...scan, totals: totalsOf(matched) });
  return page;
}

type ActionFilterArgs = Omit<ActionConditions, 'agentId'> & { agentId?: number | null };

/** Validates the shared filter fields before any upstream call. */
export function actionConditions(filter: ActionFilterArgs): ActionConditions {
  dateRange(filter.from, filter.to);
  return { ...filter, agentId: optionalId(filter.agentId, 'agentId') };
}

export const ActionFilter = builder.inputType('ActionFilter', {
  description: 'Narrows a ticket’s actions. Applied locally to the ticket’s actions, which are read whole.',
  fields: (t) => ({
    agentId: t.int({ description: 'Only actions written by this agent.' }),
    from: t.field({ type: 'Date', description: 'Only actions on or after this day (UTC).' }),
    to: t.field({ type: 'Date', description: 'Only actions on or before this day (UTC).' }),
    timeEntriesOnly: t.boolean({ description: 'Only actions with time recorded.', defaultValue: false }),
    excludePrivate: t.boolean({ description: 'Leave out private (internal) notes.', defaultValue: false }),
  }),
});

/** The scan report of one ticket's history: truncated when Halo sent fewer rows than it counted. */
function historyReport(ticketId: number, rows: readonly HaloAction[]): ScanReport {
  const counted = cappedHistories.get(rows);
  if (counted === undefined) return { ticketsScanned: 1, truncated: false, notice: null };
  return {
    ticketsScanned: 1,
    truncated: true,
    notice: `Halo counts ${counted} actions on ticket ${ticketId} but returned only ${rows.length} (its row cap): the others are missing from this list and its totals.`,
  };
}

/** Resolver body for `Ticket.actions` / `Project.actions`: the ticket's history, oldest first. */
export async function actionsOfTicket(
  ticketId: number,
  args: { filter?: ActionFilterArgs | null; page?: PageArgs | null },
  ctx: GraphQLContext,
): Promise<Page<HaloAction>> {
  const paging = pageOf(args.page);
  const conditions = actionConditions(args.filter ?? {});
  const rows = await ctx.loaders.actionsByTicket.load(ticketId);
  return actionPage(
    [...rows].sort((a, b) => a.id - b.id),
    conditions,
    paging,
    historyReport(ticketId, rows),
  );
}

const ActionQueryFilter = builder.inputType('ActionQueryFilter', {
  description:
    'Which actions to list. Halo reads actions one ticket at a time, so give ticketId, or clientId ' +
    'and/or agentId to pick the tickets first (see Query.actions for the cost).',
  fields: (t) => ({
    ticketId: t.int({ description: 'One ticket’s actions (one request).' }),
    clientId: t.int({ description: 'Actions on this client’s tickets (ignored when ticketId is given).' }),
    agentId: t.int({
      description:
        'Only actions written by this agent. Without ticketId or clientId, the tickets searched are ' +
        'those assigned to the agent: time they logged on other agents’ tickets is not found.',
    }),
    from: t.field({ type: 'Date', description: 'Only actions on or after this day (UTC).' }),
    to: t.field({ type: 'Date', description: 'Only actions on or before this day (UTC).' }),
    timeEntriesOnly: t.boolean({ description: 'Only actions with time recorded.', defaultValue: false }),
    excludePrivate: t.boolean({ description: 'Leave out private (internal) notes.', defaultValue: false }),
  }),
});

builder.queryFields((t) => ({
  actions: t.field({
    type: ActionPage,
    nullable: false,
    description:
      'Actions (notes, emails, time entries) with totals of hours and charges. With ticketId: that ' +
      'ticket’s actions, newest first, one request. Otherwise the tickets are chosen first (one ' +
      `request: the client’s or the agent’s tickets, most recently active first, at most ${MAX_SCANNED_TICKETS}, ` +
      'opened by `to` and active since `from`), then each ticket’s actions are read (one request per ' +
      'ticket) and filtered here; `truncated` and `notice` say when older tickets were not read.',
    args: { filter: t.arg({ type: ActionQueryFilter, required: true }), page: t.arg({ type: PageInput }) },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const f = args.filter;
      const ticketId = optionalId(f.ticketId, 'ticketId');
      const clientId = optionalId(f.clientId, 'clientId');
      const conditions = actionConditions(f);
      if (ticketId !== undefined) {
        const rows = await ctx.loaders.actionsByTicket.load(ticketId);
        // An empty history may mean a wrong id: one more request tells which.
        if (rows.length === 0) await loadOrNotFound(ctx.loaders.ticket, ticketId, 'ticket');
        return actionPage(newestFirst(rows), conditions, paging, historyReport(ticketId, rows));
      }
      if (clientId === undefined && conditions.agentId === undefined) {
        throw badInput(
          'actions needs ticketId, clientId or agentId: Halo serves actions one ticket at a time.',
        );
      }
      const scan = await scanTickets(ctx, { clientId, agentId: conditions.agentId, from: f.from, to: f.to });
      // A ticket with no time on it has no time entries: skip reading its history.
      const wanted = f.timeEntriesOnly ? scan.tickets.filter((tk) => tk.timetaken !== 0) : scan.tickets;
      const histories = await ctx.loaders.actionsByTicket.loadMany(wanted.map((tk) => tk.id));
      const failed = histories.find((h) => h instanceof Error);
      if (failed) throw failed;
      const rows = newestFirst((histories as HaloAction[][]).flat());
      const capped = (histories as HaloAction[][]).filter((history) => cappedHistories.has(history)).length;
      const report = { ...scan.report, ticketsScanned: wanted.length };
      if (capped > 0) {
        report.truncated = true;
        const note = `${capped} ticket(s) have more actions than Halo returned (its row cap): those are missing.`;
        report.notice = report.notice ? `${report.notice} ${note}` : note;
      }
      return actionPage(rows, conditions, paging, report);
    },
  }),
}));

function newestFirst(rows: readonly HaloAction[]): HaloAction[] {
  const at = (a: HaloAction) => a.datetime ?? '';
  return [...rows].sort((a, b) => at(b).localeCompare(at(a)) || b.ticket_id - a.ticket_id || b.id - a.id);
}

/**
 * Picks the tickets whose actions can match: the client's (or, without a client, the agent's
 * assigned) tickets, opened by `to`, most recently active first; those last active before `from`
 * are dropped. Tickets are not filtered by action dates upstream because Halo has no such filter.
 */
async function scanTickets(
  ctx: GraphQLContext,
  s: { clientId?: number; agentId?: number; from?: string | null; to?: string | null },
): Promise<{ tickets: HaloTicket[]; report: Omit<ScanReport, 'ticketsScanned'> }> {
  const query = {
    client_id: s.clientId,
    agent_id: s.clientId === undefined ? s.agentId : undefined,
    ...(s.to ? { datesearch: 'dateoccured', enddate: `${s.to}T23:59:59` } : {}),
    order: 'lastactiondate',
    orderdesc: true,
  };
  const result = await ctx.halo.list('tickets', query, { pageNo: 1, pageSize: MAX_SCANNED_TICKETS });
  ctx.loaders.prime('tickets', result.records);
  const activeSince = (tk: HaloTicket) =>
    !s.from || !tk.lastactiondate || tk.lastactiondate.slice(0, 10) >= s.from;
  const tickets = result.records.filter(activeSince);
  const last = result.records.at(-1);
  const truncated = result.recordCount > result.records.length && last !== undefined && activeSince(last);
  const notes: string[] = [];
  if (truncated) {
    notes.push(
      `Only the ${result.records.length} most recently active of ${result.recordCount} matching tickets were read, ` +
        'so older actions may be missing: give ticketId, or a later from date.',
    );
  }
  if (s.clientId === undefined) {
    notes.push(
      `Searched tickets assigned to agent ${s.agentId}; time logged on other agents’ tickets is not included (give clientId to search a client’s tickets).`,
    );
  }
  return { tickets, report: { truncated, notice: notes.join(' ') || null } };
}
