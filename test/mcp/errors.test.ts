import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { TEST_CLIENT_SECRET } from '../helpers/halo.js';
import { type McpHarness, paths, startMcpHarness } from './harness.js';

let h: McpHarness;
beforeAll(async () => {
  h = await startMcpHarness({ dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }) });
});
afterEach(() => h.sim.faults.clear());
afterAll(() => h.stop());

describe('arguments refused before any upstream request', () => {
  it.each([
    [
      'a string for an int',
      'get_ticket',
      { ticket_id: '12' },
      /expected number, received string at ticket_id/,
    ],
    [
      'an impossible date',
      'list_tickets',
      { opened_from: '2026-02-30' },
      /Not a real calendar date at opened_from/,
    ],
    [
      'a date in another format',
      'list_invoices',
      { from: '30/06/2026' },
      /Expected a date as YYYY-MM-DD at from$/,
    ],
    ['a page size over 100', 'list_tickets', { page_size: 500 }, /<=100 at page_size/],
    ['a zero id', 'get_client', { client_id: 0 }, />=1 at client_id/],
    ['a huge search', 'list_clients', { search: 'x'.repeat(10_000) }, /<=200 characters at search/],
    ['an unknown enum value', 'list_invoices', { kind: 'SOME' }, /kind/],
    [
      'an unknown argument',
      'list_tickets',
      { clientId: 3 },
      /Unknown argument clientId; this tool accepts: client_id,/,
    ],
    [
      'both a client id and name',
      'list_tickets',
      { client_id: 2, client: 'x' },
      /either client_id or client/,
    ],
    ['neither a client id nor name', 'get_client', {}, /Give client_id or client/],
    [
      'opened and closed dates together',
      'list_tickets',
      { opened_from: '2026-01-01', closed_from: '2026-01-01' },
      /not both/,
    ],
    ['an action list without a subject', 'list_actions', {}, /needs ticket_id, client_id or agent_id/],
    [
      'a report row limit over 1000',
      'run_report',
      { report_id: 1, limit: 5000 },
      /limit must be from 1 to 1000/,
    ],
  ])('refuses %s', async (_what, tool, args, message) => {
    const { result, text, requests } = await h.call(tool, args);
    expect(result.isError).toBe(true);
    expect(text).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it('reads explicit nulls as absent arguments, so strict clients can leave filters unset', async () => {
    const { result, data } = await h.call('list_tickets', {
      client_id: null,
      open: null,
      page: null,
      page_size: null,
    });
    expect(result.isError).toBeFalsy();
    expect(data.tickets).toMatchObject({ page: 1, pageSize: 25 });
  });
});

describe('client names where an id is expected', () => {
  it('resolves a unique name, case-insensitively, with one search request', async () => {
    const client = h.sim.data.clients.find((c) => c.id > 1)!;
    const { data, requests } = await h.call('get_client', { client: client.name.toUpperCase() });
    expect(data.client.id).toBe(client.id);
    expect(requests[0]).toMatchObject({ path: '/api/Client', query: { search: client.name.toUpperCase() } });
    expect(paths(requests).filter((p) => p === '/api/Client')).toHaveLength(1);
  });

  it('prefers an exact name over longer names that contain it', async () => {
    const [short, long] = [
      { id: 901, name: 'Acme' },
      { id: 902, name: 'Acme Holdings' },
    ];
    const dataset = generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' });
    dataset.clients.push(short, long);
    const own = await startMcpHarness({ dataset });
    try {
      const { data, result } = await own.call('list_contracts', { client: 'acme' });
      expect(result.isError).toBeFalsy();
      expect(own.requests()[0]).toMatchObject({ path: '/api/Client', query: { search: 'acme' } });
      expect(own.requests().find((r) => r.path === '/api/ClientContract')?.query).toMatchObject({
        client_id: '901',
      });
      expect(data.contracts.totalCount).toBe(0);
    } finally {
      await own.stop();
    }
  });

  it('lists the candidates of an ambiguous name and runs nothing else', async () => {
    // Halo's client search also looks at the reference and website.
    const matching = h.sim.data.clients.filter((c) =>
      [c.name, c.ref, c.website].some((text) => text?.toLowerCase().includes('e')),
    );
    expect(matching.length).toBeGreaterThan(1);
    const { result, text, requests } = await h.call('list_tickets', { client: 'e' });
    expect(result.isError).toBe(true);
    expect(text).toContain(`"e" matches ${matching.length} clients:`);
    for (const c of matching.slice(0, 10)) {
      expect(text).toContain(`${c.name} (client_id ${c.id}${c.inactive ? ', inactive in Halo' : ')'}`);
    }
    expect(paths(requests)).toEqual(['/api/Client']);
  });

  it('says which candidates are inactive clients, which list_clients does not show by default', async () => {
    const dataset = generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' });
    dataset.clients.push(
      { id: 9101, name: 'Kestrel Logistics', inactive: false },
      { id: 9102, name: 'Kestrel Freight (old)', inactive: true },
    );
    const own = await startMcpHarness({ dataset });
    try {
      const { result, text } = await own.call('list_tickets', { client: 'Kestrel' });
      expect(result.isError).toBe(true);
      expect(text).toContain('- Kestrel Logistics (client_id 9101)');
      expect(text).toContain('- Kestrel Freight (old) (client_id 9102, inactive in Halo)');
      expect(text).toContain(
        'Inactive clients are matched too; list_clients shows them only with include_inactive: true.',
      );
    } finally {
      await own.stop();
    }
  });

  it('says when no client matches', async () => {
    const { result, text, requests } = await h.call('list_invoices', { client: 'No Such Client' });
    expect(result.isError).toBe(true);
    expect(text).toBe(
      'No client matches "No Such Client". Use list_clients with a shorter search to find it.',
    );
    expect(requests).toHaveLength(1);
  });
});

describe('upstream failures become short, actionable tool errors', () => {
  it('names the missing ticket and where to find ids', async () => {
    const { result, text, requests } = await h.call('get_ticket', { ticket_id: 999999 });
    expect(result.isError).toBe(true);
    expect(text).toBe(
      'No ticket with id 999999 exists in Halo (or the API agent cannot see it). Use list_tickets to find valid ids.',
    );
    expect(paths(requests)).toEqual(['/api/Tickets/999999']);
  });

  it('names the permission and scope Halo refused', async () => {
    h.sim.faults.failNext(1, 403);
    const { result, text } = await h.call('list_contracts', {});
    expect(result.isError).toBe(true);
    expect(text).toMatch(/lacks permission for GET \/api\/ClientContract.*\(403\)/);
    expect(text).toContain('may lack the read:contracts scope');
  });

  it('says how long to wait when Halo rate-limits', async () => {
    h.sim.faults.failNext(5, 429, { retryAfterSeconds: 120 });
    const { result, text } = await h.call('list_clients', {});
    expect(result.isError).toBe(true);
    expect(text).toBe('Halo answered 429: its rate limit is reached; wait 120 seconds before calling again.');
  });

  it('reports Halo as unavailable after the client’s retries', async () => {
    h.sim.faults.failNext(10, 503);
    const { result, text, requests } = await h.call('list_reports', {});
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^Halo is not answering right now; try again in a minute\./);
    expect(requests).toHaveLength(4);
    expect(text).not.toContain(TEST_CLIENT_SECRET);
  });

  it('keeps the data and warns when a nested relation fails', async () => {
    // A client's account manager is read from the agent list (a ticket's agent `{ id name }` is
    // named by the ticket row and never read, so it cannot fail).
    const client = h.sim.data.clients.find((c) => (c.accountmanagertech ?? 0) > 1)!;
    h.sim.faults.failNext(1, 403, { pathPrefix: '/api/Agent' });
    const { result, data, text, requests } = await h.call('get_client', { client_id: client.id });
    expect(result.isError).toBeFalsy();
    expect(data.client).toMatchObject({ id: client.id, name: client.name });
    expect(data.client.sites.length).toBeGreaterThan(0);
    expect(data.client.accountManager).toBeNull();
    expect(data.warnings).toEqual([
      expect.stringMatching(/^client\.accountManager: The Halo API agent lacks permission/),
    ]);
    expect(text).toMatch(/^Warning: client\.accountManager: /);
    expect(requests.filter((r) => r.path === '/api/Agent').map((r) => r.status)).toEqual([403]);
  });
});
