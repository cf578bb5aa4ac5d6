import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { HaloApiError } from '../../src/halo/errors.js';
import { manualClock } from '../helpers/clock.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo, testHaloConfig } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

const tokenRequests = (halo: TestHalo) => halo.sim.log.count('/auth/token');
const trail = (halo: TestHalo) => halo.sim.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`);

describe('Halo client authentication', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(5), tokenLifetimeSeconds: 3600 });
  });
  afterAll(() => halo.stop());
  beforeEach(() => {
    halo.sim.faults.clear();
    halo.sim.log.reset();
  });
  const freshClient = (options: Parameters<typeof createHaloClient>[1] = {}) =>
    createHaloClient(halo.config, { backoff: FAST_BACKOFF, ...options });

  it('fetches a client-credentials token before the first GET', async () => {
    const client = freshClient();
    await client.list('statuses');
    expect(trail(halo)).toEqual(['POST /auth/token 200', 'GET /api/Status 200']);
    expect(client.stats()).toMatchObject({ tokenFetches: 1, requestsSent: 1, retries: 0 });
  });

  it('reuses the cached token across calls', async () => {
    const client = freshClient();
    for (let i = 0; i < 5; i++) await client.list('statuses');
    expect(tokenRequests(halo)).toBe(1);
    expect(halo.sim.log.apiRequests()).toHaveLength(5);
  });

  it('shares one token request among concurrent callers', async () => {
    const client = freshClient();
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.getOne('clients', 1 + (i % 4))));
    expect(tokenRequests(halo)).toBe(1);
    // Eight calls, four distinct reads: identical ones in flight at once share one GET.
    expect(halo.sim.log.apiRequests()).toHaveLength(4);
  });

  it('refreshes the token a margin before expires_in', async () => {
    const clock = manualClock();
    const client = freshClient({ now: clock.now, sleep: clock.sleep });
    await client.list('statuses');
    clock.advance(3000_000); // 50 min: still well inside the hour
    await client.list('statuses');
    expect(tokenRequests(halo)).toBe(1);
    clock.advance(570_000); // 59.5 min: inside the 60 s margin
    await client.list('statuses');
    expect(tokenRequests(halo)).toBe(2);
  });

  it('fetches a new token once when Halo refuses the cached one', async () => {
    const client = freshClient();
    await client.list('statuses');
    halo.sim.faults.expireTokens();
    const statuses = await client.list('statuses');
    expect(statuses.records).toHaveLength(3);
    expect(trail(halo)).toEqual([
      'POST /auth/token 200',
      'GET /api/Status 200',
      'GET /api/Status 401',
      'POST /auth/token 200',
      'GET /api/Status 200',
    ]);
  });

  it('reports a second 401 as a permission problem without looping', async () => {
    const client = freshClient();
    halo.sim.faults.failNext(5, 401, { pathPrefix: 'ClientContract' });
    const error = await client.getOne('contracts', 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HaloApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'HALO_UNAUTHORIZED',
      endpoint: 'GET /api/ClientContract/3',
    });
    expect((error as Error).message).toMatch(/lacks permission/);
    expect(halo.sim.log.count('ClientContract')).toBe(2);
    expect(tokenRequests(halo)).toBe(2);
  });

  it('names HALO_CLIENT_ID and HALO_CLIENT_SECRET on invalid_client, without the secret', async () => {
    const secret = 'wrong-secret-0123456789';
    const client = createHaloClient(testHaloConfig({ ...halo.sim, clientSecret: secret }), {
      backoff: FAST_BACKOFF,
    });
    const error = await client.list('statuses').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'HALO_UNAUTHORIZED', endpoint: 'POST /auth/token' });
    const message = (error as Error).message;
    expect(message).toContain('HALO_CLIENT_ID');
    expect(message).toContain('HALO_CLIENT_SECRET');
    expect(message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(tokenRequests(halo)).toBe(1);
    expect(halo.sim.log.apiRequests()).toHaveLength(0);
  });

  it('retries a token request the auth server failed with 503', async () => {
    const client = freshClient();
    halo.sim.faults.failNext(1, 503, { pathPrefix: '/auth/token' });
    await client.list('statuses');
    expect(trail(halo)).toEqual(['POST /auth/token 503', 'POST /auth/token 200', 'GET /api/Status 200']);
    expect(client.stats()).toMatchObject({ tokenFetches: 2, retries: 1 });
  });

  it('lets the next caller try again after a failed token request', async () => {
    const client = freshClient();
    halo.sim.faults.failNext(1, 400, { pathPrefix: '/auth/token' });
    await expect(client.list('statuses')).rejects.toMatchObject({ code: 'HALO_BAD_REQUEST' });
    await expect(client.list('statuses')).resolves.toMatchObject({ recordCount: 3 });
    expect(tokenRequests(halo)).toBe(2);
  });
});

describe('Halo client authentication on a Halo-hosted tenant', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(5), tenant: 'acme' });
  });
  afterAll(() => halo.stop());

  it('sends the tenant as a query parameter of the token request', async () => {
    await halo.client.list('statuses');
    const token = halo.sim.log.entries.find((e) => e.path === '/auth/token');
    expect(token).toMatchObject({ method: 'POST', status: 200, query: { tenant: 'acme' } });
  });

  it('fails clearly when the tenant is missing', async () => {
    const client = createHaloClient({ ...halo.config, tenant: undefined }, { backoff: FAST_BACKOFF });
    const error = await client.list('statuses').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'HALO_BAD_REQUEST' });
    expect((error as Error).message).toContain('HALO_TENANT');
  });
});

describe('a token and a request that queues behind the budget', () => {
  it('takes the token when the request is sent, so one that expired while it queued is never used', async () => {
    // Tokens live 2 s (refreshed at 1.8 s); the budget allows one request per 2 s, so the second
    // read queues past the first token's end.
    const halo = await startTestHalo({ dataset: smallDataset(5), tokenLifetimeSeconds: 2 });
    try {
      const client = createHaloClient(
        { ...halo.config, rateLimit: { requests: 1, windowMs: 2_000 }, retryBudgetMs: 5_000 },
        { backoff: FAST_BACKOFF },
      );
      await Promise.all([client.getOne('clients', 1), client.getOne('clients', 2)]);
      expect(trail(halo)).toEqual([
        'POST /auth/token 200',
        'GET /api/Client/1 200',
        'POST /auth/token 200',
        'GET /api/Client/2 200',
      ]);
    } finally {
      await halo.stop();
    }
  });
});
