import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HaloConfig } from '../../src/config.js';
import { createHaloClient } from '../../src/halo/client.js';
import { HaloApiError } from '../../src/halo/errors.js';
import { manualClock } from '../helpers/clock.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

describe('Halo client retries and rate limiting', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(8) });
  });
  afterAll(() => halo.stop());
  beforeEach(() => {
    halo.sim.faults.clear();
    halo.sim.log.reset();
  });
  const gets = () => halo.sim.log.apiRequests().length;

  /** A client on a manual clock, with 1 s / 2 s / 4 s... backoff (jitter pinned to its maximum). */
  function clockedClient(overrides: Partial<HaloConfig> = {}) {
    const clock = manualClock();
    const client = createHaloClient(
      { ...halo.config, maxRetries: 4, retryBudgetMs: 60_000, ...overrides },
      {
        now: clock.now,
        sleep: clock.sleep,
        random: () => 1,
        backoff: { baseDelayMs: 1000, maxDelayMs: 30_000 },
      },
    );
    return { clock, client };
  }

  it('waits exactly the Retry-After seconds of a 429, then succeeds', async () => {
    const { clock, client } = clockedClient();
    halo.sim.faults.failNext(1, 429, { retryAfterSeconds: 7 });
    await expect(client.getOne('clients', 1)).resolves.toMatchObject({ id: 1 });
    expect(clock.sleeps).toEqual([7000]);
    expect(gets()).toBe(2);
    expect(client.stats()).toMatchObject({ requestsSent: 2, retries: 1, rateLimited: 1 });
  });

  it('backs off exponentially on a 429 without Retry-After', async () => {
    const { clock, client } = clockedClient();
    halo.sim.faults.failNext(3, 429);
    await expect(client.getOne('clients', 1)).resolves.toMatchObject({ id: 1 });
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(gets()).toBe(4);
  });

  it('keeps jittered delays between half and all of each backoff step', async () => {
    const clock = manualClock();
    const client = createHaloClient(
      { ...halo.config, maxRetries: 4 },
      {
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0,
        backoff: { baseDelayMs: 1000, maxDelayMs: 3000 },
      },
    );
    halo.sim.faults.failNext(4, 503);
    await client.getOne('clients', 1);
    expect(clock.sleeps).toEqual([500, 1000, 1500, 1500]); // the step caps at maxDelayMs
  });

  it('fails fast when Retry-After exceeds the retry budget, passing the wait on', async () => {
    const { clock, client } = clockedClient({ retryBudgetMs: 10_000 });
    halo.sim.faults.failNext(1, 429, { retryAfterSeconds: 30 });
    const error = await client.getOne('clients', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HaloApiError);
    expect(error).toMatchObject({ status: 429, code: 'HALO_RATE_LIMITED', retryAfterSeconds: 30 });
    expect((error as Error).message).toContain('retry after 30 s');
    expect(clock.sleeps).toEqual([]);
    expect(gets()).toBe(1);
  });

  it('stops retrying when the next backoff would overrun the budget', async () => {
    const { clock, client } = clockedClient({ retryBudgetMs: 2500 });
    halo.sim.faults.failNext(10, 502);
    await expect(client.getOne('clients', 1)).rejects.toMatchObject({ status: 502 });
    expect(clock.sleeps).toEqual([1000]); // 1000 + 2000 > 2500
    expect(gets()).toBe(2);
  });

  it('bounds retries by maxRetries', async () => {
    const { clock, client } = clockedClient({ maxRetries: 2 });
    halo.sim.faults.failNext(10, 504);
    await expect(client.getOne('clients', 1)).rejects.toMatchObject({
      status: 504,
      code: 'HALO_UNAVAILABLE',
    });
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(gets()).toBe(3);
  });

  it('waits for a slot when the client-side window is full instead of sending', async () => {
    const { clock, client } = clockedClient({ rateLimit: { requests: 3, windowMs: 10_000 } });
    for (let i = 1; i <= 5; i++) await client.getOne('clients', i);
    expect(clock.sleeps).toEqual([10_000]);
    expect(gets()).toBe(5);
    expect(client.stats()).toMatchObject({ requestsSent: 5, limiterWaits: 1, rateLimited: 0 });
  });

  it('counts retries against the window', async () => {
    const { clock, client } = clockedClient({ rateLimit: { requests: 2, windowMs: 60_000 } });
    halo.sim.faults.failNext(1, 503);
    await client.getOne('clients', 1); // 503 + retry fill the window
    await client.getOne('clients', 2);
    expect(clock.sleeps).toEqual([1000, 59_000]);
    expect(gets()).toBe(3);
  });

  it('fails fast with the wait when a slot would not free within the budget', async () => {
    const { clock, client } = clockedClient({
      rateLimit: { requests: 2, windowMs: 300_000 },
      retryBudgetMs: 60_000,
    });
    await client.getOne('clients', 1);
    await client.getOne('clients', 2);
    const error = await client.getOne('clients', 3).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'HALO_RATE_LIMITED', retryAfterSeconds: 300 });
    expect(clock.sleeps).toEqual([]);
    expect(gets()).toBe(2);
  });

  it('shares the window among concurrent calls of one client', async () => {
    const { clock, client } = clockedClient({ rateLimit: { requests: 4, windowMs: 1000 } });
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((id) => client.getOne('clients', id)));
    // The fifth send waits for the window; by then all four earlier slots have expired.
    expect(clock.sleeps).toEqual([1000]);
    expect(gets()).toBe(8);
    expect(client.stats()).toMatchObject({ requestsSent: 8, limiterWaits: 1 });
  });
});
