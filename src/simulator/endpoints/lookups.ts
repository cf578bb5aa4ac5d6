import type { HaloAgent, HaloPriority, HaloTeam } from '../../halo/types.js';
import { RowFilter } from '../listing.js';
import { bareArrayEndpoint, type Endpoint } from './endpoint.js';

/** The system "Unassigned" agent. */
const UNASSIGNED_AGENT_ID = 1;

function inTeam(agent: HaloAgent, teamId: number, teamName: string | undefined): boolean {
  if (agent.teams?.some((team) => team.team_id === teamId)) return true;
  return teamName !== undefined && agent.team?.toLowerCase() === teamName;
}

/** Enabled agents by default; disabled ones with `includedisabled`, agent 1 with `includeunassigned`. */
export const agentEndpoint: Endpoint = bareArrayEndpoint<HaloAgent>({
  name: 'Agent',
  table: (ix) => ix.agents,
  filter: (q, ix) => {
    const teamId = q.int('team_id');
    const teamName = teamId === undefined ? undefined : ix.teams.byId.get(teamId)?.name.toLowerCase();
    const enabled = q.bool('includeenabled') ?? true;
    const disabled = q.bool('includedisabled') ?? false;
    return new RowFilter<HaloAgent>(q)
      .where((a) => a.id !== UNASSIGNED_AGENT_ID || q.isTrue('includeunassigned'))
      .where((a) => (a.isdisabled === true ? disabled : enabled))
      .where(teamId === undefined ? undefined : (a) => inTeam(a, teamId, teamName))
      .search('search', (a) => [a.name, a.firstname, a.surname, a.email]);
  },
});

export const teamEndpoint: Endpoint = bareArrayEndpoint<HaloTeam>({
  name: 'Team',
  table: (ix) => ix.teams,
  filter: (q) => {
    const enabled = q.bool('includeenabled') ?? true;
    const disabled = q.bool('includedisabled') ?? false;
    return new RowFilter<HaloTeam>(q).where((t) => (t.inactive === true ? disabled : enabled));
  },
});

export const statusEndpoint: Endpoint = bareArrayEndpoint({ name: 'Status', table: (ix) => ix.statuses });

export const ticketTypeEndpoint: Endpoint = bareArrayEndpoint({
  name: 'TicketType',
  table: (ix) => ix.ticketTypes,
});

/** One row per (SLA, priority); `id` is a GUID string, `priorityid` what tickets reference. */
export const priorityEndpoint: Endpoint = bareArrayEndpoint<HaloPriority>({
  name: 'Priority',
  table: (ix) => ix.priorities,
  stringIds: true,
  filter: (q) => new RowFilter<HaloPriority>(q).eq('slaid', (p) => p.slaid),
});
