import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { extractPage, type ListReader, walkPages } from '../../src/halo/paging.js';
import type { QueryParams } from '../../src/halo/resources.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

const ids = (records: Array<{ id: number }>) => records.map((r) => r.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Halo client paging against the simulator', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    const dataset = smallDataset(250);
    const ticket = { id: 500, summary: 'Noisy printer', client_id: 1, status_id: 1 };
    dataset.tickets.push(ticket);
    for (let id = 1; id <= 60; id++)
      dataset.actions.push({ id, ticket_id: 500, outcome: 'Note', note: `n${id}` });
    halo = await startTestHalo({ dataset });
  });
  afterAll(() => halo.stop());
  beforeEach(() => halo.sim.log.reset());
  const clientPages = () => halo.sim.log.apiRequests().map((e) => e.query);

  it('walks pages past the 100 cap: 250 records in 3 GETs', async () => {
    const result = await halo.client.list('clients');
    expect(ids(result.records)).toEqual(range(1, 250));
    expect(result).toMatchObject({ recordCount: 250, truncated: false, pagesRead: 3 });
    expect(clientPages()).toEqual([
      { pageinate: 'true', page_size: '100', page_no: '1' },
      { pageinate: 'true', page_size: '100', page_no: '2' },
      { pageinate: 'true', page_size: '100', page_no: '3' },
    ]);
  });

  it('reads a result that fits one page in one GET', async () => {
    const result = await halo.client.list('clients', { toplevel_id: 1 });
    expect(ids(result.records)).toEqual(range(1, 100));
    expect(result).toMatchObject({ recordCount: 100, truncated: false, pagesRead: 1 });
    expect(halo.sim.log.apiRequests()).toHaveLength(1);
  });

  it('reads exactly the page asked for', async () => {
    const result = await halo.client.list('clients', {}, { pageNo: 3 });
    expect(ids(result.records)).toEqual(range(201, 250));
    expect(result).toMatchObject({ recordCount: 250, truncated: true, pagesRead: 1 });
    expect(clientPages()).toEqual([{ pageinate: 'true', page_size: '100', page_no: '3' }]);
  });

  it('clamps the page size to 100', async () => {
    const result = await halo.client.list('clients', {}, { pageNo: 1, pageSize: 1000 });
    expect(result.records).toHaveLength(100);
    expect(clientPages()[0]).toMatchObject({ page_size: '100' });
  });

  it('stops at maxRecords and reports truncation', async () => {
    const result = await halo.client.list('clients', {}, { maxRecords: 150 });
    expect(ids(result.records)).toEqual(range(1, 150));
    expect(result).toMatchObject({ recordCount: 250, truncated: true, pagesRead: 2 });
    expect(halo.sim.log.apiRequests()).toHaveLength(2);
  });

  it('honours the configured bound when no maxRecords is given', async () => {
    const client = createHaloClient({ ...halo.config, maxListRecords: 100 }, { backoff: FAST_BACKOFF });
    const result = await client.list('clients');
    expect(result).toMatchObject({ recordCount: 250, truncated: true, pagesRead: 1 });
    expect(result.records).toHaveLength(100);
  });

  it('reads the remaining pages concurrently, within the concurrency cap', async () => {
    for (const cap of [1, 2]) {
      let inFlight = 0;
      let peak = 0;
      const countingFetch: typeof fetch = async (input, init) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      };
      halo.sim.faults.setLatency(25);
      const client = createHaloClient({ ...halo.config, maxConcurrency: cap }, { fetch: countingFetch });
      await client.getOne('clients', 1); // token first, so only page GETs overlap below
      peak = 0;
      const result = await client.list('clients');
      halo.sim.faults.clear();
      expect(result.records).toHaveLength(250);
      expect(peak).toBe(cap);
    }
  });

  it('reads a bare-array lookup in one GET without paging parameters', async () => {
    const result = await halo.client.list('statuses');
    expect(result.records.map((s) => s.name)).toEqual(['New', 'In Progress', 'Closed']);
    expect(result).toMatchObject({ recordCount: 3, truncated: false, pagesRead: 1 });
    expect(clientPages()).toEqual([{}]);
  });

  it('asks an unpaged enveloped list for all its rows with count', async () => {
    const result = await halo.client.list('actions', { ticket_id: 500 });
    expect(result.records).toHaveLength(60);
    expect(result).toMatchObject({ recordCount: 60, truncated: false });
    expect(clientPages()).toEqual([{ ticket_id: '500', count: '10000' }]);
  });
});

/** A fake upstream for shapes the simulator never produces. */
function fakeServer(answer: (query: QueryParams) => unknown) {
  const reads: QueryParams[] = [];
  const read: ListReader = async (query) => {
    reads.push(query);
    await Promise.resolve();
    return answer(query);
  };
  return { reads, read };
}

const rows = (from: number, count: number) => range(from, from + count - 1).map((id) => ({ id }));
const walk = (read: ListReader, overrides: { maxRecords?: number; concurrency?: number } = {}) =>
  walkPages({
    read,
    query: {},
    key: 'clients',
    endpoint: 'GET /api/Client',
    pageSize: 100,
    maxRecords: overrides.maxRecords ?? 10_000,
    concurrency: overrides.concurrency ?? 4,
  });

describe('walkPages against servers that bend the rules', () => {
  it('stops when a server ignores page_no and repeats page 1', async () => {
    const server = fakeServer(() => ({ record_count: 1000, clients: rows(1, 100) }));
    const result = await walk(server.read, { concurrency: 4 });
    expect(ids(result.records as Array<{ id: number }>)).toEqual(range(1, 100));
    expect(result.truncated).toBe(true);
    expect(server.reads).toHaveLength(5); // page 1, then one round of 4 workers at most
  });

  it('stops at an empty page even when record_count promised more', async () => {
    const server = fakeServer((q) => {
      const page = Number(q.page_no);
      return { record_count: 500, clients: page <= 2 ? rows((page - 1) * 100 + 1, 100) : [] };
    });
    const result = await walk(server.read, { concurrency: 1 });
    expect(ids(result.records as Array<{ id: number }>)).toEqual(range(1, 200));
    expect(result).toMatchObject({ recordCount: 500, truncated: true, pagesRead: 3 });
    expect(server.reads).toHaveLength(3);
  });

  it('reads one page past page 1 when walking in order against a repeating server', async () => {
    const server = fakeServer(() => ({ record_count: 500, clients: rows(1, 100) }));
    const result = await walk(server.read, { concurrency: 1 });
    expect(result.records).toHaveLength(100);
    expect(server.reads).toHaveLength(2);
  });

  it('follows a server that pages smaller than asked', async () => {
    const server = fakeServer((q) => {
      const page = Number(q.page_no);
      return {
        record_count: 120,
        clients: rows((page - 1) * 50 + 1, Math.max(0, Math.min(50, 120 - (page - 1) * 50))),
      };
    });
    const result = await walk(server.read);
    expect(ids(result.records as Array<{ id: number }>)).toEqual(range(1, 120));
    expect(server.reads.map((q) => q.page_no)).toEqual([1, 2, 3]);
  });

  it('walks until a short page when record_count is missing', async () => {
    const server = fakeServer((q) => {
      const page = Number(q.page_no);
      return page < 3 ? rows((page - 1) * 100 + 1, 100) : rows(201, 30);
    });
    const result = await walk(server.read);
    expect(result).toMatchObject({ recordCount: 230, truncated: false, pagesRead: 3 });
  });

  it('bounds a walk without record_count by maxRecords', async () => {
    const server = fakeServer((q) => rows((Number(q.page_no) - 1) * 100 + 1, 100));
    const result = await walk(server.read, { maxRecords: 250 });
    expect(result.records).toHaveLength(250);
    expect(result.truncated).toBe(true);
    expect(server.reads).toHaveLength(3);
  });
});

describe('extractPage', () => {
  it('accepts a bare array or the registry key; a list expected bare may come wrapped', () => {
    expect(extractPage([{ id: 1 }], 'clients', 'GET /api/Client')).toEqual({ rows: [{ id: 1 }] });
    expect(extractPage({ record_count: 7, clients: [{ id: 1 }] }, 'clients', 'x')).toEqual({
      rows: [{ id: 1 }],
      recordCount: 7,
    });
    expect(extractPage({ teams: [{ id: 2 }] }, null, 'GET /api/Team')).toEqual({ rows: [{ id: 2 }] });
  });

  it('fails with HALO_BAD_RESPONSE naming the endpoint when the envelope key is missing', () => {
    for (const body of [{}, { record_count: 0 }, { columns: 'x', data: [{ id: 2 }] }]) {
      expect(() => extractPage(body, 'clients', 'GET /api/Client')).toThrow(
        expect.objectContaining({ code: 'HALO_BAD_RESPONSE', endpoint: 'GET /api/Client' }),
      );
    }
    expect(() => extractPage({}, 'clients', 'GET /api/Client')).toThrow(
      'Halo answered GET /api/Client with no "clients" list (an empty object).',
    );
    expect(() => extractPage({ record_count: 3 }, null, 'GET /api/Team')).toThrow(
      /no list \(keys: record_count\)/,
    );
  });

  it('rejects a body that holds no list', () => {
    expect(() => extractPage('oops', 'clients', 'GET /api/Client')).toThrow(/GET \/api\/Client/);
  });
});
