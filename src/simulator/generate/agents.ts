import type { HaloAgent, HaloTeam } from '../../halo/types.js';
import { DAY_MS, SENTINEL_DATE, wireDateTime } from './dates.js';
import { AGENT_TITLES, FIRST_NAMES, SURNAMES } from './names.js';
import type { Random } from './random.js';
import { TEAM } from './reference-data.js';

export const UNASSIGNED_AGENT_ID = 1;
export const MSP_DOMAIN = 'ourcompany.example';

export interface AgentRoster {
  agents: HaloAgent[];
  /** Picks an agent of `teamId` for work lasting until `until` (the disabled agent only for work it finished). */
  pick(random: Random, teamId: number, until: number): HaloAgent;
  unassigned: HaloAgent;
}

/** Agents: id 1 is Halo's system "Unassigned" agent, then `count` people, the last one disabled. */
export function buildAgents(
  random: Random,
  count: number,
  teams: readonly HaloTeam[],
  now: number,
): AgentRoster {
  const unassigned: HaloAgent = {
    id: UNASSIGNED_AGENT_ID,
    name: 'Unassigned',
    firstname: '',
    surname: '',
    initials: '',
    email: '',
    team: '',
    teams: [],
    isdisabled: false,
    is_agent: true,
    isapiagent: false,
    jobtitle: '',
    ticket_count: 0,
    lastlogindate: SENTINEL_DATE,
  };
  const people = Math.max(count, teams.length + 1);
  const leftAt = now - random.int(90, 150) * DAY_MS + random.int(9 * 60, 17 * 60) * 60_000;
  // Per team: every member, and the members still working (all but the disabled agent).
  const everyone = new Map<number, HaloAgent[]>(teams.map((team) => [team.id, []]));
  const working = new Map<number, HaloAgent[]>(teams.map((team) => [team.id, []]));
  const agents: HaloAgent[] = [unassigned];
  const usedNames = new Set<string>();
  for (let index = 0; index < people; index++) {
    const disabled = index === people - 1;
    let firstname: string;
    let surname: string;
    do {
      firstname = random.pick(FIRST_NAMES);
      surname = random.pick(SURNAMES);
    } while (
      usedNames.has(`${firstname} ${surname}`) &&
      usedNames.size < FIRST_NAMES.length * SURNAMES.length
    );
    usedNames.add(`${firstname} ${surname}`);
    const primary = disabled ? teams[0] : teams[index % teams.length];
    if (primary === undefined) throw new Error('agents need at least one team');
    const secondary =
      !disabled && primary.id !== TEAM.serviceDesk && random.chance(0.4)
        ? teams.find((team) => team.id === TEAM.serviceDesk)
        : undefined;
    const memberOf = secondary === undefined ? [primary] : [primary, secondary];
    const agent: HaloAgent = {
      id: agents.length + 1,
      name: `${firstname} ${surname}`,
      firstname,
      surname,
      initials: `${firstname[0]}${surname[0]}`,
      email: `${firstname}.${surname}@${MSP_DOMAIN}`.toLowerCase(),
      team: primary.name,
      teams: memberOf.map((team, position) => ({
        team_id: team.id,
        team_name: team.name,
        department_id: 1,
        is_manager: position === 0 && index < teams.length && index % 3 === 0,
        fortickets: true,
        forprojects: team.id === TEAM.projects,
      })),
      isdisabled: disabled,
      is_agent: true,
      isapiagent: false,
      jobtitle: random.pick(AGENT_TITLES),
      ticket_count: 0,
      lastlogindate: wireDateTime(disabled ? leftAt : now - random.int(1, 72 * 60) * 60_000),
    };
    agents.push(agent);
    for (const team of memberOf) {
      everyone.get(team.id)?.push(agent);
      if (!disabled) working.get(team.id)?.push(agent);
    }
  }
  // The disabled agent stops taking work a fortnight before the account was disabled.
  const lastWork = leftAt - 14 * DAY_MS;
  return {
    agents,
    unassigned,
    pick(rng, teamId, until) {
      const pool = (until < lastWork ? everyone : working).get(teamId) ?? [];
      return pool.length === 0 ? unassigned : rng.pick(pool);
    },
  };
}
