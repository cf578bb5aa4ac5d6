import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HaloConfig } from '../../src/config.js';
import { createHaloClient } from '../../src/halo/client.js';
import { failure } from '../helpers/failure.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

describe('Halo client error mapping', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(5), client: { maxRetries: 2 } });
    await halo.client.list('statuses'); // token cached: counts below are API GETs only
  });
  afterAll(() => halo.stop());
  beforeEach(() => {
    halo.sim.faults.clear();
    halo.sim.log.reset();
  });
  const gets = () => halo.sim.log.apiRequests().length;
  const clientWith = (overrides: Partial<HaloConfig>) =>
    createHaloClient({ ...halo.config, ...overrides }, { backoff: FAST_BACKOFF });

  it('maps a 400 .NET exception body to HALO_BAD_REQUEST with its Message', async () => {
    halo.sim.faults.failNext(1, 400, {
      body: {
        ClassName: 'System.Exception',
        Message: 'Invalid advanced search parameter',
        StackTraceString: 'at Halo…',
      },
    });
    const error = await failure(halo.client.list('statuses', { advanced_search: '[{"filter_name":"x"}]' }));
    expect(error).toMatchObject({
      status: 400,
      code: 'HALO_BAD_REQUEST',
      endpoint: 'GET /api/Status?advanced_search',
      excerpt: 'Invalid advanced search parameter',
    });
    expect(error.message).toContain('Invalid advanced search parameter');
    expect(gets()).toBe(1);
  });

  it('maps 403 to HALO_FORBIDDEN without retrying', async () => {
    halo.sim.faults.failNext(1, 403);
    const error = await failure(halo.client.list('invoices'));
    expect(error).toMatchObject({ status: 403, code: 'HALO_FORBIDDEN' });
    expect(error.message).toMatch(/lacks permission for GET \/api\/Invoice/);
    expect(gets()).toBe(1);
  });

  it('maps a missing record to HALO_NOT_FOUND', async () => {
    const error = await failure(halo.client.getOne('clients', 999_999));
    expect(error).toMatchObject({ status: 404, code: 'HALO_NOT_FOUND', endpoint: 'GET /api/Client/999999' });
    expect(gets()).toBe(1);
  });

  it('maps other 4xx to HALO_BAD_REQUEST without retrying', async () => {
    halo.sim.faults.failNext(1, 422);
    const error = await failure(halo.client.getOne('clients', 1));
    expect(error).toMatchObject({ status: 422, code: 'HALO_BAD_REQUEST' });
    expect(gets()).toBe(1);
  });

  it('retries a 500 once on a GET and succeeds', async () => {
    halo.sim.faults.failNext(1, 500);
    await expect(halo.client.getOne('clients', 1)).resolves.toMatchObject({ id: 1 });
    expect(gets()).toBe(2);
  });

  it('gives up on a second 500 (one retry per call, though more retries remain)', async () => {
    halo.sim.faults.failNext(5, 500);
    const error = await failure(halo.client.getOne('clients', 1));
    expect(error).toMatchObject({ status: 500, code: 'HALO_UNAVAILABLE' });
    expect(gets()).toBe(2);
  });

  it.each([502, 503, 504])('retries a %i and succeeds', async (status) => {
    halo.sim.faults.failNext(1, status);
    const client = clientWith({});
    await expect(client.getOne('clients', 2)).resolves.toMatchObject({ id: 2, name: 'Client 2' });
    expect(gets()).toBe(2);
    expect(client.stats().retries).toBe(1);
  });

  it.each([502, 503, 504])('gives up on a persistent %i after maxRetries', async (status) => {
    halo.sim.faults.failNext(10, status);
    const error = await failure(halo.client.getOne('clients', 1));
    expect(error).toMatchObject({ status, code: 'HALO_UNAVAILABLE' });
    expect(error.excerpt).toMatch(new RegExp(`^${status} `)); // the gateway page's title, not its HTML
    expect(gets()).toBe(3);
  });

  it('gives up on a persistent 429 after maxRetries', async () => {
    halo.sim.faults.failNext(10, 429);
    const error = await failure(halo.client.getOne('clients', 1));
    expect(error).toMatchObject({ status: 429, code: 'HALO_RATE_LIMITED' });
    expect(error.excerpt).toContain('Rate Limit Reached');
    expect(gets()).toBe(3);
  });

  it('times out a hanging request and retries it', async () => {
    const client = clientWith({ requestTimeoutMs: 150, maxRetries: 1 });
    halo.sim.faults.hangNext(1, 1_000);
    await expect(client.getOne('clients', 3)).resolves.toMatchObject({ id: 3 });
    expect(gets()).toBe(2);
  });

  it('maps a request that keeps hanging to HALO_TIMEOUT with status 0', async () => {
    const client = clientWith({ requestTimeoutMs: 100, maxRetries: 1 });
    halo.sim.faults.hangNext(2, 1_000);
    const error = await failure(client.getOne('clients', 3));
    expect(error).toMatchObject({ status: 0, code: 'HALO_TIMEOUT', endpoint: 'GET /api/Client/3' });
    expect(error.message).toContain('100 ms');
    expect(gets()).toBe(2);
  });

  it('counts hung attempts against the call budget, so a hanging Halo cannot hold a call for all its retries', async () => {
    // Each attempt hangs for its 300 ms timeout; after two the 500 ms budget is spent, though 4 retries remain.
    const client = clientWith({ requestTimeoutMs: 300, retryBudgetMs: 500, maxRetries: 4 });
    halo.sim.faults.hangNext(5, 2_000);
    const error = await failure(client.getOne('clients', 3));
    expect(error).toMatchObject({ status: 0, code: 'HALO_TIMEOUT' });
    expect(gets()).toBe(2);
  });

  it('retries a reset connection and maps a persistent one to HALO_NETWORK', async () => {
    halo.sim.faults.resetNext(1);
    await expect(halo.client.getOne('clients', 4)).resolves.toMatchObject({ id: 4 });
    expect(gets()).toBe(2);
    halo.sim.log.reset();
    halo.sim.faults.resetNext(3);
    const error = await failure(halo.client.getOne('clients', 4));
    expect(error).toMatchObject({ status: 0, code: 'HALO_NETWORK' });
    expect(gets()).toBe(3);
  });

  it('maps malformed JSON to HALO_BAD_RESPONSE without retrying', async () => {
    halo.sim.faults.malformedNext(1);
    const error = await failure(halo.client.list('clients'));
    expect(error).toMatchObject({ status: 200, code: 'HALO_BAD_RESPONSE' });
    expect(error.message).toContain('malformed JSON');
    expect(gets()).toBe(1);
  });

  it('reports a network failure when nothing listens', async () => {
    const client = clientWith({ instanceUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    // Token comes from the live simulator; the API host refuses connections.
    const error = await failure(client.getOne('clients', 1));
    expect(error).toMatchObject({ status: 0, code: 'HALO_NETWORK' });
    expect(error.message).toMatch(/Could not reach Halo for GET \/api\/Client\/1/);
  });
});
