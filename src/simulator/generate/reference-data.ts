import type { HaloPriority, HaloStatus, HaloTeam, HaloTicket, HaloTicketType } from '../../halo/types.js';
import type { Random } from './random.js';

// Lookup tables of a typical MSP tenant. Ids 1 (New) and 9 (Closed) are Halo's system statuses;
// Halo's own report SQL treats 8 and 9 as closed (docs/halo-api.md §3.1).

export const STATUS = {
  new: 1,
  inProgress: 2,
  actionRequired: 3,
  waitingOnCustomer: 4,
  waitingOnSupplier: 5,
  scheduled: 6,
  resolved: 8,
  closed: 9,
} as const;

export const CLOSED_STATUS_IDS: readonly number[] = [STATUS.resolved, STATUS.closed];

export function buildStatuses(): HaloStatus[] {
  const rows: Array<[number, string, string, string, string]> = [
    [STATUS.new, 'New', 'NEW', '#2f80ed', 'None'],
    [STATUS.inProgress, 'In Progress', 'INP', '#27ae60', 'None'],
    [STATUS.actionRequired, 'Action Required', 'ACT', '#eb5757', 'None'],
    [STATUS.waitingOnCustomer, 'Waiting on Customer', 'WOC', '#f2994a', 'Hold'],
    [STATUS.waitingOnSupplier, 'Waiting on Supplier', 'WOS', '#f2c94c', 'Hold'],
    [STATUS.scheduled, 'Scheduled', 'SCH', '#9b51e0', 'None'],
    [STATUS.resolved, 'Resolved', 'RES', '#828282', 'Stop'],
    [STATUS.closed, 'Closed', 'CLO', '#4f4f4f', 'Stop'],
  ];
  return rows.map(([id, name, shortname, colour, slaaction]) => ({
    id,
    name,
    shortname,
    type: 0,
    sequence: id,
    colour,
    slaaction,
  }));
}

export const TEAM = { serviceDesk: 1, secondLine: 2, projects: 3, fieldServices: 4, noc: 5 } as const;

export function buildTeams(): HaloTeam[] {
  const rows: Array<[number, string, boolean]> = [
    [TEAM.serviceDesk, 'Service Desk', false],
    [TEAM.secondLine, '2nd Line', false],
    [TEAM.projects, 'Projects', true],
    [TEAM.fieldServices, 'Field Services', false],
    [TEAM.noc, 'NOC', false],
  ];
  return rows.map(([id, name, projects]) => ({
    id,
    name,
    sequence: id,
    forrequests: !projects,
    forprojects: projects,
    ticket_count: 0,
    department_id: 1,
    department_name: 'Technical',
    inactive: false,
  }));
}

export const TICKET_TYPE = {
  incident: 1,
  serviceRequest: 2,
  problem: 3,
  change: 4,
  project: 5,
  projectTask: 6,
  alert: 7,
} as const;

export function buildTicketTypes(teams: readonly HaloTeam[]): HaloTicketType[] {
  const teamName = (id: number): string => teams.find((team) => team.id === id)?.name ?? '';
  const rows: Array<[number, string, string, number, number]> = [
    [TICKET_TYPE.incident, 'Incident', 'Service Desk', 3, TEAM.serviceDesk],
    [TICKET_TYPE.serviceRequest, 'Service Request', 'Service Desk', 4, TEAM.serviceDesk],
    [TICKET_TYPE.problem, 'Problem', 'Service Desk', 3, TEAM.secondLine],
    [TICKET_TYPE.change, 'Change', 'Service Desk', 3, TEAM.secondLine],
    [TICKET_TYPE.project, 'Project', 'Projects', 4, TEAM.projects],
    [TICKET_TYPE.projectTask, 'Project Task', 'Projects', 4, TEAM.projects],
    [TICKET_TYPE.alert, 'Alert', 'Monitoring', 2, TEAM.noc],
  ];
  return rows.map(([id, name, group, priority, team]) => ({
    id,
    name,
    use: 'ticket',
    sequence: id,
    group_name: group,
    default_priority: priority,
    default_team: teamName(team),
    default_agent: -1,
  }));
}

export interface SlaSpec {
  id: number;
  name: string;
}

export const SLAS: readonly SlaSpec[] = [
  { id: 1, name: 'Standard SLA' },
  { id: 2, name: 'Premium SLA' },
];

/** Response and fix targets in hours per priority 1-4, for the standard and premium SLA. */
const SLA_TARGETS: Record<number, ReadonlyArray<readonly [number, number]>> = {
  1: [
    [1, 4],
    [2, 8],
    [4, 24],
    [8, 72],
  ],
  2: [
    [0.5, 2],
    [1, 4],
    [2, 16],
    [4, 40],
  ],
};

const PRIORITY_NAMES = ['P1 - Critical', 'P2 - High', 'P3 - Medium', 'P4 - Low'];
const PRIORITY_COLOURS = ['#eb5757', '#f2994a', '#2f80ed', '#828282'];

/** One row per (SLA, priority), GUID ids; the same `priorityid` repeats for each SLA. */
export function buildPriorities(random: Random): HaloPriority[] {
  return SLAS.flatMap((sla) =>
    (SLA_TARGETS[sla.id] ?? []).map(([response, fix], index) => ({
      id: random.guid(),
      priorityid: index + 1,
      slaid: sla.id,
      name: sla.id === 1 ? (PRIORITY_NAMES[index] ?? '') : `${PRIORITY_NAMES[index]} (Premium)`,
      responsetime: response,
      responseunits: 'hours',
      fixtime: fix,
      fixunits: 'hours',
      ishidden: false,
      colour: PRIORITY_COLOURS[index] ?? '',
    })),
  );
}

/** Action outcomes (Halo's outcome lookup). `hidden` ones are private to agents. */
export const OUTCOMES = {
  new: { id: 1, name: 'New', hidden: false },
  emailUser: { id: 2, name: 'Email User', hidden: false },
  phoneCall: { id: 3, name: 'Phone Call', hidden: false },
  remoteSession: { id: 4, name: 'Remote Session', hidden: false },
  onsiteVisit: { id: 5, name: 'Onsite Visit', hidden: false },
  userReply: { id: 6, name: 'User Reply', hidden: false },
  internalNote: { id: 7, name: 'Internal Note', hidden: true },
  privateNote: { id: 8, name: 'Private Note', hidden: true },
  statusChange: { id: 9, name: 'Status Change', hidden: true },
  resolved: { id: 10, name: 'Resolved', hidden: false },
  closed: { id: 11, name: 'Closed', hidden: false },
} as const;

export type OutcomeKey = keyof typeof OUTCOMES;

export interface Lookups {
  statusName(id: number): string;
  typeName(id: number): string;
  teamName(id: number): string;
  /** The priority row of an SLA, and one shared nested `priority` object per row for tickets. */
  priority(slaId: number, priorityId: number): HaloPriority;
  priorityRef(slaId: number, priorityId: number): NonNullable<HaloTicket['priority']>;
}

export function buildLookups(
  statuses: readonly HaloStatus[],
  types: readonly HaloTicketType[],
  teams: readonly HaloTeam[],
  priorities: readonly HaloPriority[],
): Lookups {
  const names = <T extends { id: number; name: string }>(rows: readonly T[]) =>
    new Map(rows.map((row) => [row.id, row.name]));
  const statusNames = names(statuses);
  const typeNames = names(types);
  const teamNames = names(teams);
  const key = (slaId: number, priorityId: number) => slaId * 100 + priorityId;
  const rows = new Map(priorities.map((row) => [key(row.slaid ?? 0, row.priorityid), row]));
  const refs = new Map(
    priorities.map((row) => [
      key(row.slaid ?? 0, row.priorityid),
      { priorityid: row.priorityid, name: row.name, responsetime: row.responsetime, fixtime: row.fixtime },
    ]),
  );
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what}`);
    return value;
  };
  return {
    statusName: (id) => need(statusNames.get(id), `status ${id}`),
    typeName: (id) => need(typeNames.get(id), `ticket type ${id}`),
    teamName: (id) => need(teamNames.get(id), `team ${id}`),
    priority: (slaId, priorityId) =>
      need(rows.get(key(slaId, priorityId)), `priority ${slaId}/${priorityId}`),
    priorityRef: (slaId, priorityId) =>
      need(refs.get(key(slaId, priorityId)), `priority ${slaId}/${priorityId}`),
  };
}
