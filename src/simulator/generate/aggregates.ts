import type { HaloAgent, HaloClient, HaloTeam, HaloTicket } from '../../halo/types.js';
import { isClosedStatus } from './tickets.js';

/** Fills the open-ticket counters Halo shows on clients, agents and teams. */
export function countOpenTickets(
  tickets: readonly HaloTicket[],
  clients: readonly HaloClient[],
  agents: readonly HaloAgent[],
  teams: readonly HaloTeam[],
): void {
  const byClient = new Map<number, number>();
  const byAgent = new Map<number, number>();
  const byTeam = new Map<number, number>();
  const bump = (counts: Map<number, number>, id: number | null | undefined) => {
    if (id !== null && id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const ticket of tickets) {
    if (isClosedStatus(ticket.status_id)) continue;
    bump(byClient, ticket.client_id);
    bump(byAgent, ticket.agent_id);
    bump(byTeam, ticket.team_id);
  }
  for (const client of clients) client.open_ticket_count = byClient.get(client.id) ?? 0;
  for (const agent of agents) agent.ticket_count = byAgent.get(agent.id) ?? 0;
  for (const team of teams) team.ticket_count = byTeam.get(team.id) ?? 0;
}
