import { describe, expect, it } from 'vitest';
import type { HaloAction, HaloTicket } from '../../src/halo/types.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { useGraphQLHarness } from '../helpers/graphql.js';

const TODAY = '2026-03-15';
const CLOSED = new Set([8, 9]);

const h = useGraphQLHarness({ dataset: generateDataset({ size: 'demo', today: TODAY }) });

const at = (wire: string | null | undefined) =>
  wire ? Date.parse(wire.endsWith('Z') ? wire : `${wire}Z`) : 0;

/** `/Tickets` leaves out projects and their tasks. */
function serviceTickets(): HaloTicket[] {
  const projects = new Set(h.sim.data.tickets.filter((t) => t.is_project).map((t) => t.id));
  return h.sim.data.tickets.filter((t) => !t.is_project && !projects.has(t.parent_id ?? -1));
}

function newestFirst(rows: HaloTicket[]): HaloTicket[] {
  return [...rows].sort((a, b) => at(b.dateoccurred) - at(a.dateoccurred) || b.id - a.id);
}

function recordsOf(t: HaloTicket) {
  return {
    client: h.sim.data.clients.find((c) => c.id === t.client_id)!,
    agent: t.agent_id === 1 ? null : h.sim.data.agents.find((a) => a.id === t.agent_id)!,
    status: h.sim.data.statuses.find((s) => s.id === t.status_id)!,
  };
}

function expectedItem(t: HaloTicket) {
  const { client, agent, status } = recordsOf(t);
  return {
    id: t.id,
    summary: t.summary,
    isOpen: !CLOSED.has(t.status_id!),
    client: { id: client.id, name: client.name },
    agent: agent && { id: agent.id, name: agent.name },
    status: { id: status.id, name: status.name },
  };
}

/** `expectedItem` plus one field per relation that only the related record holds. */
function expectedFullItem(t: HaloTicket) {
  const { client, agent, status } = recordsOf(t);
  const item = expectedItem(t);
  return {
    ...item,
    client: { ...item.client, website: client.website },
    agent: agent && { ...item.agent, email: agent.email },
    status: { ...item.status, colour: status.colour },
  };
}

/** The first 50 tickets in the default order (newest first), each shaped as the operation asks. */
function firstFifty<T>(shape: (t: HaloTicket) => T): T[] {
  return newestFirst(serviceTickets()).slice(0, 50).map(shape);
}

/** Requests per path, e.g. `{ '/api/Tickets': 1 }`. */
function countsByPath(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of h.requests()) counts[r.path] = (counts[r.path] ?? 0) + 1;
  return counts;
}

const LIST = `query List($page: PageInput) {
  tickets(page: $page) {
    totalCount hasMore
    items { id summary isOpen client { id name } agent { id name } status { id name } }
  }
}`;

/** The same list asking each relation for a field its ticket row does not hold. */
const LIST_FULL = `query List($page: PageInput) {
  tickets(page: $page) {
    totalCount hasMore
    items {
      id summary isOpen
      client { id name website } agent { id name email } status { id name colour }
    }
  }
}`;

describe('tickets list', () => {
  it.each([50, 100])(
    'lists %i tickets with client, agent and status names from the ticket rows in one request',
    async (pageSize) => {
      const res = await h.run(LIST, { page: { pageSize } });
      expect(res.errors).toBeUndefined();
      const expected = newestFirst(serviceTickets());
      expect(res.data.tickets.totalCount).toBe(expected.length);
      expect(res.data.tickets.hasMore).toBe(expected.length > pageSize);
      // Names as the client, agent and status records hold them, though none of those is read.
      expect(res.data.tickets.items).toEqual(expected.slice(0, pageSize).map(expectedItem));
      expect(countsByPath()).toEqual({ '/api/Tickets': 1 });
      const ticketsRequest = h.requests().find((r) => r.path === '/api/Tickets')!;
      expect(ticketsRequest.query).toMatchObject({
        pageinate: 'true',
        page_size: String(pageSize),
        page_no: '1',
        order: 'dateoccurred',
        orderdesc: 'true',
      });
    },
  );

  it.each([50, 100])(
    'lists %i tickets with more than the names of client, agent and status in four requests',
    async (pageSize) => {
      const res = await h.run(LIST_FULL, { page: { pageSize } });
      expect(res.errors).toBeUndefined();
      const expected = newestFirst(serviceTickets());
      expect(res.data.tickets.items).toEqual(expected.slice(0, pageSize).map(expectedFullItem));
      // One page of tickets, then the agent, status and client directories, whatever the page size.
      expect(countsByPath()).toEqual({
        '/api/Tickets': 1,
        '/api/Agent': 1,
        '/api/Status': 1,
        '/api/Client': 1,
      });
    },
  );

  it('names type, site, team and priority from the rows too, as their records name them', async () => {
    const res = await h.run(`{
      tickets(page: { pageSize: 50 }) {
        items { id type { id name } site { id name } team { id name } priority { priorityId name } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const { ticketTypes, sites, teams, priorities } = h.sim.data;
    const named = <T extends { id: number; name: string }>(rows: T[], id: number | null | undefined) => {
      const row = rows.find((r) => r.id === id)!;
      return { id: row.id, name: row.name };
    };
    expect(res.data.tickets.items).toEqual(
      firstFifty((t) => {
        const priority = priorities.find((p) => p.priorityid === t.priority_id && p.slaid === t.sla_id)!;
        return {
          id: t.id,
          type: named(ticketTypes, t.tickettype_id),
          site: named(sites, t.site_id),
          team: named(teams, t.team_id),
          priority: { priorityId: priority.priorityid, name: priority.name },
        };
      }),
    );
    expect(countsByPath()).toEqual({ '/api/Tickets': 1 });
  });

  it('serves the same operation again from the warm reference cache in one request', async () => {
    await h.run(LIST_FULL, { page: { pageSize: 50 } });
    h.resetLog();
    const res = await h.run(LIST_FULL, { page: { pageSize: 50 } });
    expect(res.errors).toBeUndefined();
    expect(res.data.tickets.items).toEqual(firstFifty(expectedFullItem));
    expect(countsByPath()).toEqual({ '/api/Tickets': 1 });
  });

  it('loads only the relation asked for more than its id and name: the client, with its website', async () => {
    const res = await h.run(`{
      tickets(page: { pageSize: 50 }) { items { id client { id name website } agent { id name } status { id name } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.tickets.items).toEqual(
      firstFifty((t) => {
        const { id, agent, status } = expectedItem(t);
        return { id, client: expectedFullItem(t).client, agent, status };
      }),
    );
    expect(new Set(firstFifty((t) => t.client_id)).size).toBeGreaterThan(1);
    // Several clients: the client directory, once; agent and status still come from the rows.
    expect(countsByPath()).toEqual({ '/api/Tickets': 1, '/api/Client': 1 });
  });

  it('reads one ticket’s client by id when its website is asked, and not at all for its name', async () => {
    const ticket = serviceTickets().find((t) => (t.client_id ?? 0) > 1)!;
    const client = h.sim.data.clients.find((c) => c.id === ticket.client_id)!;
    const named = await h.run(`query($id: Int!) { ticket(id: $id) { client { id name } } }`, {
      id: ticket.id,
    });
    expect(named.data.ticket.client).toEqual({ id: client.id, name: client.name });
    expect(countsByPath()).toEqual({ [`/api/Tickets/${ticket.id}`]: 1 });
    h.resetLog();
    const full = await h.run(`query($id: Int!) { ticket(id: $id) { client { id name website } } }`, {
      id: ticket.id,
    });
    expect(full.errors).toBeUndefined();
    expect(full.data.ticket.client).toEqual({ id: client.id, name: client.name, website: client.website });
    expect(client.website).toMatch(/^https:/);
    expect(countsByPath()).toEqual({ [`/api/Tickets/${ticket.id}`]: 1, [`/api/Client/${client.id}`]: 1 });
  });

  it('serves id and name from the rows through fragment spreads, inline fragments, aliases and __typename', async () => {
    const res = await h.run(`query {
      tickets(page: { pageSize: 50 }) {
        items {
          id
          client { ...Named }
          agent { ... on Agent { key: id label: name } }
          status { __typename ... { id } ...StatusName }
        }
      }
    }
    fragment Named on Client { id ... on Client { name } }
    fragment StatusName on Status { name }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.tickets.items).toEqual(
      firstFifty((t) => {
        const { id, client, agent, status } = expectedItem(t);
        const renamed = agent && { key: agent.id, label: agent.name };
        return { id, client, agent: renamed, status: { __typename: 'Status', ...status } };
      }),
    );
    expect(countsByPath()).toEqual({ '/api/Tickets': 1 });
  });

  it('loads the record when a fragment spread or inline fragment asks for more than id and name', async () => {
    const res = await h.run(`query {
      tickets(page: { pageSize: 50 }) {
        items { id client { ...Named } status { id ... on Status { colour } } agent { id name } }
      }
    }
    fragment Named on Client { id name ... on Client { website } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.tickets.items).toEqual(
      firstFifty((t) => {
        const { id, client, status } = expectedFullItem(t);
        return { id, client, status: { id: status.id, colour: status.colour }, agent: expectedItem(t).agent };
      }),
    );
    expect(countsByPath()).toEqual({ '/api/Tickets': 1, '/api/Client': 1, '/api/Status': 1 });
  });

  it('passes filters to Halo under its own parameter names', async () => {
    const client = h.sim.data.clients[1]!;
    const res = await h.run(
      `query($f: TicketFilter) { tickets(filter: $f, page: { pageSize: 100 }) { totalCount items { id } } }`,
      {
        f: {
          clientId: client.id,
          open: false,
          openedFrom: '2025-06-01',
          openedTo: '2025-12-31',
          statusIds: [8, 9],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const expected = newestFirst(
      serviceTickets().filter(
        (t) =>
          t.client_id === client.id &&
          CLOSED.has(t.status_id!) &&
          at(t.dateoccurred) >= Date.parse('2025-06-01T00:00:00Z') &&
          at(t.dateoccurred) <= Date.parse('2025-12-31T23:59:59Z'),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data.tickets.items.map((t: { id: number }) => t.id)).toEqual(expected.map((t) => t.id));
    expect(h.requests()).toHaveLength(1);
    expect(h.requests()[0]!.query).toMatchObject({
      client_id: String(client.id),
      closed_only: 'true',
      status: '8,9',
      datesearch: 'dateoccured',
      startdate: '2025-06-01T00:00:00',
      enddate: '2025-12-31T23:59:59',
    });
  });

  it('refuses opened and closed date ranges together', async () => {
    const res = await h.run(
      `{ tickets(filter: { openedFrom: "2025-01-01", closedTo: "2025-02-01" }) { totalCount } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

describe('one ticket', () => {
  const DETAIL = `query One($id: Int!) {
    ticket(id: $id) {
      id summary details statusName agentName teamName
      team { id name }
      priority { priorityId slaId name }
      sla { responseState }
      actions { totalCount totals { count hours chargeableHours } items { id ticketId note who isPrivate timeTakenHours } }
    }
  }`;

  it('returns the ticket with its actions in three requests, its team named by the row', async () => {
    const ticket = serviceTickets().find((t) => (actionsOf(t.id).length ?? 0) >= 3)!;
    const res = await h.run(DETAIL, { id: ticket.id });
    expect(res.errors).toBeUndefined();
    const actions = actionsOf(ticket.id);
    const team = h.sim.data.teams.find((t) => t.id === ticket.team_id)!;
    const priority = h.sim.data.priorities.find(
      (p) => p.priorityid === ticket.priority_id && p.slaid === ticket.sla_id,
    )!;
    expect(res.data.ticket).toMatchObject({
      id: ticket.id,
      summary: ticket.summary,
      details: ticket.details,
      statusName: ticket.status_name,
      teamName: ticket.team,
      team: { id: team.id, name: team.name },
      priority: { priorityId: priority.priorityid, slaId: priority.slaid, name: priority.name },
      actions: {
        totalCount: actions.length,
        totals: { count: actions.length, hours: round(sum(actions, (a) => a.timetaken)) },
      },
    });
    expect(res.data.ticket.actions.items.slice(0, 25)).toEqual(
      actions.slice(0, 25).map((a) => ({
        id: a.id,
        ticketId: ticket.id,
        note: a.note,
        who: a.who,
        isPrivate: a.hiddenfromuser === true,
        timeTakenHours: a.timetaken ?? 0,
      })),
    );
    // Detail GET, the ticket's actions, and the priority list (`slaId` is more than the row's
    // copy of the priority holds); `team { id name }` is the row's `team_id` + `team`: no team list.
    expect(ticket.team_id).toBeGreaterThan(0);
    expect(countsByPath()).toEqual({
      [`/api/Tickets/${ticket.id}`]: 1,
      '/api/Actions': 1,
      '/api/Priority': 1,
    });
  });

  it('keys actions by ticket: two tickets each have their own action 1', async () => {
    const [a, b] = serviceTickets().filter((t) => actionsOf(t.id).length > 0);
    const res = await h.run(
      `query($a: Int!, $b: Int!) {
        a: ticket(id: $a) { actions { items { id ticketId note } } }
        b: ticket(id: $b) { actions { items { id ticketId note } } }
      }`,
      { a: a!.id, b: b!.id },
    );
    expect(res.errors).toBeUndefined();
    for (const [alias, ticket] of [['a', a!] as const, ['b', b!] as const]) {
      const first = actionsOf(ticket.id)[0]!;
      expect(res.data[alias].actions.items[0]).toEqual({ id: 1, ticketId: ticket.id, note: first.note });
    }
    expect(res.data.a.actions.items[0].note).not.toBe(res.data.b.actions.items[0].note);
    // Both tickets in one batched list read, then one actions read per ticket.
    expect(countsByPath()).toEqual({ '/api/Tickets': 1, '/api/Actions': 2 });
  });

  it('answers HALO_NOT_FOUND for an unknown ticket id', async () => {
    const res = await h.run(`{ ticket(id: 987654) { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('987654');
    expect(h.requests().map((r) => r.path)).toEqual(['/api/Tickets/987654']);
  });
});

describe('actions across tickets', () => {
  it('reads the client’s recently active tickets and totals their time entries', async () => {
    const client = h.sim.data.clients[2]!;
    const from = '2026-01-01';
    const to = '2026-02-28';
    const res = await h.run(
      `query($f: ActionQueryFilter!) {
        actions(filter: $f, page: { pageSize: 100 }) {
          totalCount ticketsScanned truncated notice
          totals { count hours chargeableHours nonChargeableHours }
          items { ticketId id at timeTakenHours }
        }
      }`,
      { f: { clientId: client.id, from, to, timeEntriesOnly: true } },
    );
    expect(res.errors).toBeUndefined();
    const tickets = serviceTickets().filter((t) => t.client_id === client.id);
    const expected = h.sim.data.actions
      .filter((a) => tickets.some((t) => t.id === a.ticket_id))
      .filter(
        (a) => (a.timetaken ?? 0) > 0 && a.datetime!.slice(0, 10) >= from && a.datetime!.slice(0, 10) <= to,
      );
    expect(tickets.length).toBeLessThanOrEqual(50);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data.actions).toMatchObject({
      totalCount: expected.length,
      truncated: false,
      notice: null,
      totals: {
        count: expected.length,
        hours: round(sum(expected, (a) => a.timetaken)),
        chargeableHours: round(sum(expected, (a) => a.actionchargehours)),
        nonChargeableHours: round(sum(expected, (a) => a.actionnonchargehours)),
      },
    });
    const keys = (rows: Array<{ ticket_id?: number; ticketId?: number; id: number }>) =>
      rows.map((r) => `${r.ticket_id ?? r.ticketId}/${r.id}`).sort();
    expect(keys(res.data.actions.items)).toEqual(keys(expected));
    // One ticket list, then one actions read per ticket scanned.
    const scanned = res.data.actions.ticketsScanned;
    expect(countsByPath()).toEqual({ '/api/Tickets': 1, '/api/Actions': scanned });
    const ticketsRequest = h.requests().find((r) => r.path === '/api/Tickets')!;
    expect(ticketsRequest.query).toMatchObject({
      client_id: String(client.id),
      datesearch: 'dateoccured',
      enddate: `${to}T23:59:59`,
      order: 'lastactiondate',
      orderdesc: 'true',
    });
  });

  it('refuses a query that names neither a ticket, a client nor an agent', async () => {
    const res = await h.run(`{ actions(filter: { from: "2026-01-01" }) { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

describe('bad input', () => {
  it.each([
    ['a negative id', `{ ticket(id: -4) { id } }`, undefined],
    ['a page size of 500', `{ tickets(page: { pageSize: 500 }) { totalCount } }`, undefined],
    [
      'an impossible date literal',
      `{ tickets(filter: { openedFrom: "2026-02-30" }) { totalCount } }`,
      undefined,
    ],
    [
      'an impossible date variable',
      `query($d: Date) { tickets(filter: { openedFrom: $d }) { totalCount } }`,
      { d: '2026-13-01' },
    ],
    [
      'a 10,000 character search',
      `query($s: String) { tickets(filter: { search: $s }) { totalCount } }`,
      { s: 'x'.repeat(10_000) },
    ],
    ['a bad status id in a list', `{ tickets(filter: { statusIds: [1, 0] }) { totalCount } }`, undefined],
    [
      'from after to',
      `{ actions(filter: { ticketId: 5, from: "2026-02-01", to: "2026-01-01" }) { totalCount } }`,
      undefined,
    ],
  ])('refuses %s with BAD_USER_INPUT and no upstream request', async (_name, query, variables) => {
    const res = await h.run(query, variables);
    expect(res.data?.ticket ?? res.data?.tickets ?? res.data?.actions ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

function actionsOf(ticketId: number): HaloAction[] {
  return h.sim.data.actions.filter((a) => a.ticket_id === ticketId).sort((a, b) => a.id - b.id);
}

function sum(rows: HaloAction[], get: (a: HaloAction) => number | undefined): number {
  return rows.reduce((acc, a) => acc + (get(a) ?? 0), 0);
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
