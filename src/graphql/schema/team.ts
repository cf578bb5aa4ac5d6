import { builder } from '../builder.js';
import { AgentRef, TeamRef } from './refs.js';
import { bySequence } from './status.js';

TeamRef.implement({
  description: 'A team of agents (Halo "Team", spec `SectionDetail`). Tickets are routed to teams.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    ticketCount: t.exposeInt('ticket_count', { description: 'Tickets in the team, as counted by Halo.' }),
    inactive: t.boolean({
      nullable: false,
      description: 'Archived in Halo.',
      resolve: (team) => team.inactive === true,
    }),
    forTickets: t.exposeBoolean('forrequests', {
      description: 'Whether the team takes tickets (null: Halo did not say).',
    }),
    forProjects: t.exposeBoolean('forprojects', {
      description: 'Whether the team takes projects (null: Halo did not say).',
    }),
    departmentName: t.exposeString('department_name', { description: 'Department the team belongs to.' }),
    agents: t.field({
      type: [AgentRef],
      nullable: false,
      description: 'Agents who are members of the team (disabled agents included; see Agent.isDisabled).',
      resolve: async (team, _args, ctx) =>
        (await ctx.reference.get('agents')).filter((a) => a.teams?.some((m) => m.team_id === team.id)),
    }),
  }),
});

builder.queryFields((t) => ({
  teams: t.field({
    type: [TeamRef],
    nullable: false,
    description: 'Every team, in Halo sequence order (served from a short-lived shared cache).',
    args: { includeInactive: t.arg.boolean({ defaultValue: false, description: 'Include archived teams.' }) },
    resolve: async (_root, args, ctx) => {
      const teams = bySequence(await ctx.reference.get('teams'));
      return args.includeInactive ? teams : teams.filter((team) => team.inactive !== true);
    },
  }),
}));
