import type { HaloAction, HaloTicket } from '../../src/halo/types.js';
import {
  fingerprint,
  firstPage,
  getById,
  type NaiveContext,
  oursPagePrint,
  pagePrint,
  pageThenEach,
} from './naive.js';
import type { NaiveTool, Structured, ToolArgs } from './tool.js';

const NEWEST_OPENED = { order: 'dateoccurred', orderdesc: true, order2: 'id', orderdesc2: true };

/** Client, agent, status, type and team of one ticket: a GET each. */
async function ticketRelations(ctx: NaiveContext, t: HaloTicket) {
  const [client] = await Promise.all([
    getById(ctx.halo, 'clients', t.client_id),
    t.agent_id === 1 ? null : getById(ctx.halo, 'agents', t.agent_id),
    getById(ctx.halo, 'statuses', t.status_id),
    getById(ctx.halo, 'ticketTypes', t.tickettype_id),
    getById(ctx.halo, 'teams', t.team_id),
  ]);
  return { id: t.id, client: client?.name };
}

export const listTickets: NaiveTool = {
  recipe: 'ticket page, then per ticket GET client, agent, status, type, team',
  run: (ctx, args) =>
    pageThenEach(
      ctx,
      'tickets',
      { client_id: args.client_id, ...NEWEST_OPENED },
      async (t) => (await ticketRelations(ctx, t)).client,
    ),
  ours: ({ tickets }: Structured) => oursPagePrint(tickets, (t) => (t.client as Structured)?.name),
};

export const getTicket: NaiveTool = {
  recipe: 'GET ticket; GET client, agent, status, type, team, parent; its actions',
  async run(ctx, args) {
    const t = await ctx.halo.getOne('tickets', Number(args.ticket_id), { includedetails: true });
    const [related, actions] = await Promise.all([
      ticketRelations(ctx, t),
      ctx.halo.list('actions', { ticket_id: t.id }),
      getById(ctx.halo, 'tickets', t.parent_id),
    ]);
    return fingerprint({ id: t.id, client: related.client, actions: actions.recordCount });
  },
  ours: ({ ticket }: Structured) =>
    fingerprint({ id: ticket.id, client: ticket.client?.name, actions: ticket.actions.totalCount }),
};

const actionKey = (a: { ticket_id?: number; ticketId?: number; id: number }) =>
  `${a.ticket_id ?? a.ticketId}/${a.id}`;

export const listActions: NaiveTool = {
  recipe: "client's 50 latest-active tickets, per ticket its actions, per action GET agent",
  async run(ctx, args) {
    const tickets = await ctx.halo.list(
      'tickets',
      { client_id: args.client_id, order: 'lastactiondate', orderdesc: true },
      { pageNo: 1, pageSize: 50 },
    );
    const histories = await ctx.each(
      tickets.records,
      async (t) => (await ctx.halo.list('actions', { ticket_id: t.id })).records,
    );
    const actions = histories.flat();
    await ctx.each(actions, (a) => getById(ctx.halo, 'agents', a.who_agentid));
    const at = (a: HaloAction) => a.datetime ?? '';
    actions.sort((a, b) => at(b).localeCompare(at(a)) || b.ticket_id - a.ticket_id || b.id - a.id);
    return fingerprint({ total: actions.length, ids: firstPage(actions).map(actionKey) });
  },
  ours: ({ actions }: Structured) =>
    fingerprint({ total: actions.totalCount, ids: actions.items.map(actionKey) }),
};

export const listAgents: NaiveTool = {
  recipe: 'agent list, then per agent GET each team and count its open tickets',
  async run(ctx) {
    const all = await ctx.halo.list('agents', { includeenabled: true });
    const shown = all.records
      .filter((a) => a.id !== 1 && a.isdisabled !== true)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    const rows = await ctx.each(firstPage(shown), async (a) => {
      const [, open] = await Promise.all([
        Promise.all((a.teams ?? []).map((m) => getById(ctx.halo, 'teams', m.team_id))),
        ctx.halo.list('tickets', { agent_id: a.id, open_only: true }, { pageNo: 1, pageSize: 1 }),
      ]);
      return { id: a.id, open: open.recordCount };
    });
    return pagePrint(
      shown.length,
      rows,
      rows.map((r) => r.open),
    );
  },
  ours: ({ agents }: Structured) => oursPagePrint(agents, (a) => a.openTicketCount),
};

export const listProjects: NaiveTool = {
  recipe: "client's projects (all pages, tasks left out), then per project GET client, agent, status",
  async run(ctx, args) {
    const all = await ctx.halo.list('projects', { client_id: args.client_id, ...NEWEST_OPENED });
    const projects = all.records.filter((p) => p.is_project !== false);
    const shown = firstPage(projects);
    await ctx.each(shown, (p) =>
      Promise.all([
        getById(ctx.halo, 'clients', p.client_id),
        getById(ctx.halo, 'agents', p.agent_id),
        getById(ctx.halo, 'statuses', p.status_id),
      ]),
    );
    return pagePrint(projects.length, shown);
  },
  ours: ({ projects }: Structured) => oursPagePrint(projects),
};

export const getProject: NaiveTool = {
  recipe: 'GET project, client, agent; its tasks, per task GET agent and status; its actions',
  async run(ctx, args: ToolArgs) {
    const p = await ctx.halo.getOne('projects', Number(args.project_id), { includedetails: true });
    const [, , tasks, actions] = await Promise.all([
      getById(ctx.halo, 'clients', p.client_id),
      getById(ctx.halo, 'agents', p.agent_id),
      ctx.halo.list('projects', { parent_id: p.id }),
      ctx.halo.list('actions', { ticket_id: p.id }),
    ]);
    await ctx.each(tasks.records, (t) =>
      Promise.all([getById(ctx.halo, 'agents', t.agent_id), getById(ctx.halo, 'statuses', t.status_id)]),
    );
    return fingerprint({ id: p.id, tasks: tasks.recordCount, actions: actions.recordCount });
  },
  ours: ({ project }: Structured) =>
    fingerprint({ id: project.id, tasks: project.tasks.totalCount, actions: project.actions.totals.count }),
};
