import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { RESOURCES, type ResourceName } from '../../src/halo/resources.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

describe('Halo client read-only guarantee', () => {
  let halo: TestHalo;
  const methods: string[] = [];
  beforeAll(async () => {
    const dataset = smallDataset(120);
    dataset.tickets.push({ id: 7, summary: 'A ticket', client_id: 1, status_id: 1 });
    dataset.actions.push({ id: 1, ticket_id: 7, outcome: 'Note' });
    halo = await startTestHalo({ dataset });
  });
  afterAll(() => halo.stop());

  it('sends nothing but GET to /api and POST to the token endpoint', async () => {
    const recordingFetch: typeof fetch = (input, init) => {
      methods.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const client = createHaloClient(halo.config, { fetch: recordingFetch, backoff: FAST_BACKOFF });
    for (const resource of Object.keys(RESOURCES) as ResourceName[]) {
      await client.list(resource, resource === 'actions' ? { ticket_id: 7 } : {});
    }
    await client.getOne('clients', 1);
    await client.getOne('tickets', 7, { includedetails: true });
    await client.get('/api/Client/2');
    halo.sim.faults.expireTokens(); // forces a 401 and a second token POST
    await client.get('Status');

    const entries = halo.sim.log.entries;
    expect(entries.length).toBeGreaterThan(Object.keys(RESOURCES).length);
    for (const entry of entries) {
      const allowed =
        (entry.method === 'GET' && entry.path.startsWith('/api/')) ||
        (entry.method === 'POST' && entry.path === '/auth/token');
      expect(allowed, `${entry.method} ${entry.path}`).toBe(true);
    }
    expect(entries.filter((e) => e.method === 'POST')).toHaveLength(2);
    expect(methods.filter((m) => !m.startsWith('GET /api/'))).toEqual([
      'POST /auth/token',
      'POST /auth/token',
    ]);
  });

  it.each([
    '../auth/token',
    'Tickets/../../auth/token',
    'Tickets/%2e%2e/x',
    'https://evil.example/api/Tickets',
    'Tickets?delete=true',
    '',
  ])('refuses a raw path that could leave /api: %j', async (path) => {
    halo.sim.log.reset();
    await expect(halo.client.get(path)).rejects.toThrow(TypeError);
    expect(halo.sim.log.entries).toHaveLength(0);
  });
});
