import { describe, expect, it } from 'vitest';
import type { HaloAgent, HaloUser } from '../../src/halo/types.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { useGraphQLHarness } from '../helpers/graphql.js';

const h = useGraphQLHarness({ dataset: generateDataset({ size: 'demo', today: '2026-03-15' }) });

const paths = () => h.requests().map((r) => r.path);
const byName = <T extends { name: string; id: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);

/** Open service tickets (`/Tickets` leaves out projects and their tasks) per agent. */
function openLoad(agentId: number): number {
  const projects = new Set(h.sim.data.tickets.filter((t) => t.is_project).map((t) => t.id));
  return h.sim.data.tickets.filter(
    (t) =>
      t.agent_id === agentId &&
      !t.is_project &&
      !projects.has(t.parent_id ?? -1) &&
      ![8, 9].includes(t.status_id!),
  ).length;
}

const teamNames = (a: HaloAgent) => (a.teams ?? []).map((m) => ({ name: m.team_name }));

describe('agents', () => {
  it('lists agents with their teams and open ticket load in three requests, not one per agent', async () => {
    const res = await h.run(
      `{ agents(page: { pageSize: 100 }) { totalCount items { id name teams { name } openTicketCount } } }`,
    );
    expect(res.errors).toBeUndefined();
    const expected = byName(h.sim.data.agents.filter((a) => a.id !== 1 && a.isdisabled !== true));
    expect(expected.length).toBeGreaterThan(3);
    expect(res.data.agents.totalCount).toBe(expected.length);
    expect(res.data.agents.items).toEqual(
      expected.map((a) => ({ id: a.id, name: a.name, teams: teamNames(a), openTicketCount: openLoad(a.id) })),
    );
    expect(expected.some((a) => openLoad(a.id) > 0)).toBe(true);
    // Agent and team lists, then one read of the listed agents' open tickets (under 100 of them here).
    const open = expected.reduce((n, a) => n + openLoad(a.id), 0);
    expect(open).toBeLessThanOrEqual(100);
    expect(paths().sort()).toEqual(['/api/Agent', '/api/Team', '/api/Tickets']);
    const tickets = h.requests().find((r) => r.path === '/api/Tickets')!;
    expect(tickets.query).toMatchObject({ open_only: 'true', agent: expected.map((a) => a.id).join(',') });
  });

  it('counts one agent’s open tickets with a one-row read, matching openTickets.totalCount', async () => {
    const agent = byName(h.sim.data.agents.filter((a) => a.id !== 1)).find((a) => openLoad(a.id) > 1)!;
    const res = await h.run(
      `query($id: Int!) { agent(id: $id) { name openTicketCount openTickets { totalCount } } }`,
      {
        id: agent.id,
      },
    );
    expect(res.data.agent).toEqual({
      name: agent.name,
      openTicketCount: openLoad(agent.id),
      openTickets: { totalCount: openLoad(agent.id) },
    });
    expect(paths().sort()).toEqual(['/api/Agent', '/api/Tickets', '/api/Tickets']);
    expect(
      h
        .requests()
        .map((r) => r.query.page_size)
        .sort(),
    ).toEqual(['1', '25', undefined].sort());
  });

  it('filters agents by team and name locally, from the cached list', async () => {
    const team = h.sim.data.teams.find(
      (t) => h.sim.data.agents.filter((a) => a.teams?.some((m) => m.team_id === t.id)).length > 1,
    )!;
    const members = byName(
      h.sim.data.agents.filter((a) => a.teams?.some((m) => m.team_id === team.id) && !a.isdisabled),
    );
    const res = await h.run(
      `query($team: Int!, $s: String) {
      inTeam: agents(teamId: $team) { items { id } }
      named: agents(search: $s, includeDisabled: true) { items { id } }
    }`,
      { team: team.id, s: members[0]!.name.slice(0, 4).toUpperCase() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.inTeam.items).toEqual(members.map((a) => ({ id: a.id })));
    expect(res.data.named.items).toContainEqual({ id: members[0]!.id });
    expect(paths()).toEqual(['/api/Agent']);
  });

  it('lists teams with their members in two requests', async () => {
    const res = await h.run(`{ teams { id name agents { id } } }`);
    expect(res.errors).toBeUndefined();
    const teams = [...h.sim.data.teams]
      .filter((t) => !t.inactive)
      .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    expect(res.data.teams).toEqual(
      teams.map((t) => ({
        id: t.id,
        name: t.name,
        agents: h.sim.data.agents
          .filter((a) => a.teams?.some((m) => m.team_id === t.id))
          .map((a) => ({ id: a.id })),
      })),
    );
    expect(paths().sort()).toEqual(['/api/Agent', '/api/Team']);
  });

  it('answers HALO_NOT_FOUND for an unknown agent', async () => {
    const res = await h.run(`{ agent(id: 9999) { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
  });
});

describe('sites and contacts', () => {
  const client = () =>
    h.sim.data.clients.find((c) => h.sim.data.sites.filter((s) => s.client_id === c.id).length > 1)!;
  const contact = (u: HaloUser) => ({ id: u.id, name: u.name });

  it('reads a client with its sites, main site and contacts in three requests', async () => {
    const c = client();
    const res = await h.run(
      `query($id: Int!) {
        client(id: $id) {
          mainSite { id }
          sites { id name address contacts { id name } }
          contacts { id name }
        }
      }`,
      { id: c.id },
    );
    expect(res.errors).toBeUndefined();
    const sites = h.sim.data.sites.filter((s) => s.client_id === c.id).sort((a, b) => a.id - b.id);
    const users = h.sim.data.users.filter((u) => u.client_id === c.id && !u.inactive);
    expect(res.data.client).toEqual({
      mainSite: { id: c.main_site_id },
      sites: sites.map((s) => ({
        id: s.id,
        name: s.name,
        address: [s.delivery_address_line1, s.delivery_address_line2, s.delivery_address_line3].filter(
          Boolean,
        ),
        contacts: byName(users.filter((u) => u.site_id === s.id)).map(contact),
      })),
      contacts: byName(users).map(contact),
    });
    expect(paths().sort()).toEqual([`/api/Client/${c.id}`, '/api/Site', '/api/Users']);
  });

  it('searches contacts through Halo and pages them', async () => {
    const c = client();
    const users = byName(h.sim.data.users.filter((u) => u.client_id === c.id && !u.inactive));
    const surname = users[0]!.surname!;
    const res = await h.run(
      `query($f: ContactFilter) { contacts(filter: $f, page: { pageSize: 2 }) { totalCount items { id name email client { id } site { id } } } }`,
      { f: { clientId: c.id, search: surname } },
    );
    expect(res.errors).toBeUndefined();
    const needle = surname.toLowerCase();
    const expected = users.filter((u) =>
      [u.name, u.firstname, u.surname, u.emailaddress, u.phonenumber, u.mobilenumber].some((v) =>
        v?.toLowerCase().includes(needle),
      ),
    );
    expect(res.data.contacts.totalCount).toBe(expected.length);
    expect(res.data.contacts.items).toEqual(
      expected.slice(0, 2).map((u) => ({
        id: u.id,
        name: u.name,
        email: u.emailaddress,
        client: { id: c.id },
        site: { id: u.site_id },
      })),
    );
    const listed = h.requests().find((r) => r.path === '/api/Users')!;
    expect(listed.query).toMatchObject({
      client_id: String(c.id),
      search: surname,
      page_size: '2',
      order: 'name',
    });
  });

  it('reads one site and one contact by id', async () => {
    const site = h.sim.data.sites.find((s) => s.maincontact_id != null && s.maincontact_id > 0)!;
    const user = h.sim.data.users.find((u) => u.site_id === site.id)!;
    const res = await h.run(
      `query($s: Int!, $u: Int!) {
        site(id: $s) { id name clientName mainContactName isInvoiceSite inactive }
        contact(id: $u) { id name jobTitle site { id } client { id } }
      }`,
      { s: site.id, u: user.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      site: {
        id: site.id,
        name: site.name,
        clientName: site.client_name,
        mainContactName: site.maincontact_name,
        isInvoiceSite: site.isinvoicesite === true,
        inactive: false,
      },
      contact: {
        id: user.id,
        name: user.name,
        jobTitle: user.title,
        site: { id: site.id },
        client: { id: user.client_id },
      },
    });
  });

  it('refuses a contact search of 10,000 characters without asking Halo', async () => {
    const res = await h.run(`query($s: String) { contacts(filter: { search: $s }) { totalCount } }`, {
      s: 'y'.repeat(10_000),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

describe('lookups', () => {
  it('lists statuses with 8 and 9 closed, ticket types and priorities, one request each', async () => {
    const res = await h.run(
      `{ statuses { id isClosed } ticketTypes { id name } priorities { id priorityId slaId name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.statuses).toEqual(
      h.sim.data.statuses.map((s) => ({ id: s.id, isClosed: s.id === 8 || s.id === 9 })),
    );
    expect(res.data.ticketTypes.map((t: { id: number }) => t.id).sort()).toEqual(
      h.sim.data.ticketTypes.map((t) => t.id).sort(),
    );
    expect(res.data.priorities).toEqual(
      [...h.sim.data.priorities]
        .sort((a, b) => a.slaid! - b.slaid! || a.priorityid - b.priorityid)
        .map((p) => ({ id: p.id, priorityId: p.priorityid, slaId: p.slaid, name: p.name })),
    );
    expect(paths().sort()).toEqual(['/api/Priority', '/api/Status', '/api/TicketType']);
  });
});
