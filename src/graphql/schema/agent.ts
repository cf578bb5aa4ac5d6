import type { HaloAgent, HaloTeam } from '../../halo/types.js';
import { builder } from '../builder.js';
import { loadOrNotFound, optionalId, searchText } from './args.js';
import { PageInput, pageArray, pageOf, pageType } from './page.js';
import { AgentRef, TeamRef } from './refs.js';

/** Halo's system "Unassigned" agent (halo-api.md §3.1): tickets with nobody on them point at it. */
export const UNASSIGNED_AGENT_ID = 1;

AgentRef.implement({
  description: 'A technician / staff member who works tickets (Halo "Agent", spec `Uname`).',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    email: t.exposeString('email'),
    jobTitle: t.exposeString('jobtitle'),
    initials: t.exposeString('initials'),
    isDisabled: t.boolean({
      nullable: false,
      description: 'Disabled agents can no longer log in.',
      resolve: (a) => a.isdisabled === true,
    }),
    defaultTeamName: t.exposeString('team', { description: 'Name of the agent’s default team.' }),
    teams: t.field({
      type: [TeamRef],
      nullable: false,
      description: 'Teams the agent is a member of.',
      resolve: async (a, _args, ctx) => {
        const ids = (a.teams ?? []).flatMap((m) => (m.team_id != null ? [m.team_id] : []));
        const teams = await ctx.loaders.team.loadMany(ids);
        return teams.filter((team): team is HaloTeam => team != null && !(team instanceof Error));
      },
    }),
    openTicketCount: t.int({
      nullable: false,
      description:
        'Open tickets assigned to the agent, counted from Halo’s ticket list (open_only), not from ' +
        'Halo’s undocumented `ticket_count`. One agent costs one request; a list of agents reads the ' +
        'open tickets once (one request per 100 open tickets) when that is cheaper than a count per agent.',
      resolve: (a, _args, ctx) => ctx.loaders.openTicketCountByAgent.load(a.id),
    }),
    lastLoginAt: t.expose('lastlogindate', { type: 'DateTime', description: 'Last login to Halo.' }),
  }),
});

const AgentPage = pageType<HaloAgent>('Agent', AgentRef, 'A page of agents.');

builder.queryFields((t) => ({
  agent: t.field({
    type: AgentRef,
    nullable: false,
    description: 'One agent by id.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.agent, args.id, 'agent'),
  }),
  agents: t.field({
    type: AgentPage,
    nullable: false,
    description:
      'Agents by name, filtered and paged locally from the cached agent list (one Halo request per ' +
      'cache period). The system "Unassigned" agent (id 1) is left out.',
    args: {
      includeDisabled: t.arg.boolean({ defaultValue: false, description: 'Include disabled agents.' }),
      teamId: t.arg.int({ description: 'Only members of this team.' }),
      search: t.arg.string({ description: 'Part of the name, email or initials (case-insensitive).' }),
      page: t.arg({ type: PageInput }),
    },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const teamId = optionalId(args.teamId, 'teamId');
      const needle = searchText(args.search)?.toLowerCase();
      const agents = (await ctx.reference.get('agents')).filter(
        (a) =>
          a.id !== UNASSIGNED_AGENT_ID &&
          (args.includeDisabled === true || a.isdisabled !== true) &&
          (teamId === undefined || a.teams?.some((m) => m.team_id === teamId) === true) &&
          (needle === undefined ||
            [a.name, a.email, a.initials].some((v) => v?.toLowerCase().includes(needle))),
      );
      return pageArray(
        agents.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
        paging,
      );
    },
  }),
}));
