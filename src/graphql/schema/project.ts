import type { HaloTicket } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { pageOfRows } from '../loaders.js';
import { ActionFilter, ActionPage, actionsOfTicket } from './action.js';
import { loadOrNotFound, optionalId, searchText } from './args.js';
import { type PageArgs, PageInput, pageArray, pageOf, pageType } from './page.js';
import { AgentRef, ClientRef, ProjectRef, StatusRef } from './refs.js';
import { IS_OPEN_NOTE, TicketPage, ticketAgent, ticketClient, ticketIsOpen, ticketStatus } from './ticket.js';

interface Amounts {
  hours?: number;
  money?: number;
}

const ProjectAmounts = builder.objectRef<Amounts>('ProjectAmounts').implement({
  description: 'Hours and money of a project (budgeted or spent).',
  fields: (t) => ({
    hours: t.exposeFloat('hours', { description: 'Hours.' }),
    money: t.field({
      type: 'Money',
      description: 'Money, in the tenant’s currency.',
      resolve: (a) => a.money,
    }),
  }),
});

ProjectRef.implement({
  description:
    'A project (a Halo ticket flagged as a project, read from `/Projects`). Its tasks are child tickets.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('summary', { description: 'Project title (the ticket summary).' }),
    details: t.exposeString('details', { description: 'The description as plain text.' }),
    clientName: t.exposeString('client_name', { description: 'Client name as stored on the project.' }),
    client: t.field({ type: ClientRef, resolve: (p, _args, ctx, info) => ticketClient(p, ctx, info) }),
    agentName: t.exposeString('agent_name', { description: 'Owner name as stored on the project.' }),
    agent: t.field({
      type: AgentRef,
      description: 'The project owner; null when unassigned.',
      resolve: (p, _args, ctx, info) => ticketAgent(p, ctx, info),
    }),
    statusName: t.exposeString('status_name', { description: 'Status name as stored on the project.' }),
    status: t.field({ type: StatusRef, resolve: (p, _args, ctx, info) => ticketStatus(p, ctx, info) }),
    isOpen: t.boolean({ nullable: false, description: IS_OPEN_NOTE, resolve: ticketIsOpen }),
    openedAt: t.expose('dateoccurred', { type: 'DateTime', description: 'When the project was logged.' }),
    startDate: t.expose('startdate', { type: 'DateTime', description: 'Planned start.' }),
    targetDate: t.expose('targetdate', { type: 'DateTime', description: 'Planned finish.' }),
    deadline: t.expose('deadlinedate', { type: 'DateTime', description: 'Hard deadline.' }),
    closedAt: t.expose('dateclosed', {
      type: 'DateTime',
      description: 'When it was closed; null while open.',
    }),
    budgetType: t.exposeString('budgettype', { description: 'How the budget is set, as Halo names it.' }),
    budget: t.field({
      type: ProjectAmounts,
      nullable: false,
      description: 'Budgeted hours and money.',
      resolve: (p) => ({ hours: p.projecttimebudget, money: p.projectmoneybudget }),
    }),
    actual: t.field({
      type: ProjectAmounts,
      nullable: false,
      description: 'Hours and money spent so far, as Halo totals them over the project and its tasks.',
      resolve: (p) => ({ hours: p.projecttimeactual, money: p.projectmoneyactual }),
    }),
    percentUsed: t.exposeFloat('projecttimepercentage', { description: 'Time budget used, in percent.' }),
    percentComplete: t.exposeFloat('projectcompletionpercentage', {
      description: 'Completion in percent (newer Halo builds only).',
    }),
    taskCount: t.int({
      nullable: false,
      description: 'Tasks (child tickets), as Halo counts them.',
      resolve: (p) => p.child_count ?? 0,
    }),
    tasks: t.field({
      type: TicketPage,
      nullable: false,
      description: 'The project’s tasks (child tickets), by id. All are read at once, then paged here.',
      args: { page: t.arg({ type: PageInput }) },
      resolve: async (p, args, ctx) => {
        const paging = pageOf(args.page);
        const tasks = await ctx.loaders.tasksByProject.load(p.id);
        return pageArray(
          [...tasks].sort((a, b) => a.id - b.id),
          paging,
        );
      },
    }),
    actions: t.field({
      type: ActionPage,
      nullable: false,
      description: 'Actions on the project itself (not its tasks), oldest first, filtered and paged here.',
      args: { filter: t.arg({ type: ActionFilter }), page: t.arg({ type: PageInput }) },
      resolve: (p, args, ctx) => actionsOfTicket(p.id, args, ctx),
    }),
  }),
});

// `/Projects` may answer with the project domain (projects and their tasks); tasks are marked
// `is_project: false` and Halo has no filter that leaves them out.
const PROJECT_LIST_NOTE =
  'Halo’s project list can include project tasks, so every match is read (one request per 100) and ' +
  'the tasks are left out here before paging.';

const ProjectPage = pageType<HaloTicket>('Project', ProjectRef, 'A page of projects.');

const ProjectFilter = builder.inputType('ProjectFilter', {
  description: 'Narrows a project list; fields combine with AND and are passed to Halo.',
  fields: (t) => ({
    clientId: t.int({ description: 'The client’s projects.' }),
    agentId: t.int({ description: 'Project owner.' }),
    open: t.boolean({ description: 'true: open projects only; false: closed only.' }),
    search: t.string({ description: 'Halo’s text search over the projects.' }),
  }),
});

async function listProjects(
  ctx: GraphQLContext,
  filter: typeof ProjectFilter.$inferInput,
  pageArgs: PageArgs | null | undefined,
) {
  const paging = pageOf(pageArgs);
  const query = {
    client_id: optionalId(filter.clientId, 'clientId'),
    agent_id: optionalId(filter.agentId, 'agentId'),
    open_only: filter.open === true ? true : undefined,
    closed_only: filter.open === false ? true : undefined,
    search: searchText(filter.search),
    order: 'dateoccurred',
    orderdesc: true,
    order2: 'id',
    orderdesc2: true,
  };
  const page = await pageOfRows(ctx.halo, 'projects', query, paging, {
    keep: (row) => row.is_project !== false,
    what: 'project tickets',
    narrow: 'filter by clientId, agentId or open',
  });
  ctx.loaders.prime('projects', page.items);
  return page;
}

builder.objectFields(ClientRef, (t) => ({
  projects: t.field({
    type: ProjectPage,
    nullable: false,
    description: `The client’s projects, newest first. ${PROJECT_LIST_NOTE}`,
    args: {
      open: t.arg.boolean({ description: 'true: open only; false: closed only.' }),
      page: t.arg({ type: PageInput }),
    },
    resolve: (c, args, ctx) => listProjects(ctx, { clientId: c.id, open: args.open }, args.page),
  }),
}));

builder.queryFields((t) => ({
  project: t.field({
    type: ProjectRef,
    nullable: false,
    description: 'One project by id.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.project, args.id, 'project'),
  }),
  projects: t.field({
    type: ProjectPage,
    nullable: false,
    description: `Projects, newest first. ${PROJECT_LIST_NOTE}`,
    args: { filter: t.arg({ type: ProjectFilter }), page: t.arg({ type: PageInput }) },
    resolve: (_root, args, ctx) => listProjects(ctx, args.filter ?? {}, args.page),
  }),
}));
