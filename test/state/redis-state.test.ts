import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SharedStateConfig } from '../../src/config.js';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloClient, type HaloClient } from '../../src/halo/client.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openRedisState } from '../../src/state/redis-state.js';
import { type SharedState, SharedStateUnavailable } from '../../src/state/types.js';
import { smallDataset } from '../halo/fixtures.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo, testHaloConfig } from '../helpers/halo.js';
import { closedPort } from '../helpers/local-server.js';
import {
  type RedisProcess,
  removeRedisServer,
  requireRedisOrSkip,
  startRedisServer,
} from '../helpers/redis-server.js';

// Two "replicas" in one test process: each has its own Redis connection, Halo client and caches,
// exactly as two server processes would; the simulator's log says what reached Halo.

const available = requireRedisOrSkip();
const TOKEN_KEY = randomBytes(32).toString('base64');

interface Replica {
  state: SharedState;
  client: HaloClient;
  lines: string[];
}

describe.skipIf(!available)('shared state in Redis across replicas', () => {
  let redis: RedisProcess;
  let halo: TestHalo;
  let replicas: Replica[] = [];
  let prefix = '';

  beforeAll(async () => {
    redis = await startRedisServer({ password: 'redis-pass-0123456789' });
    halo = await startTestHalo({ dataset: smallDataset(20), latencyMs: 60, tokenLifetimeSeconds: 3600 });
  });
  afterAll(async () => {
    await halo?.stop();
    await removeRedisServer(redis);
  });
  beforeEach(() => {
    halo.sim.log.reset();
    prefix = `t${randomBytes(4).toString('hex')}:`;
  });
  afterEach(async () => {
    for (const replica of replicas) {
      replica.client.close();
      await replica.state.close();
    }
    replicas = [];
  });

  const stateConfig = (overrides: Partial<SharedStateConfig> = {}): SharedStateConfig => ({
    redisUrl: redis.url,
    prefix,
    expectedReplicas: 2,
    tokenKey: TOKEN_KEY,
    previousTokenKeys: [],
    ...overrides,
  });

  const startReplica = async (
    limit = 100_000,
    overrides: Partial<SharedStateConfig> = {},
  ): Promise<Replica> => {
    const lines: string[] = [];
    const logger: Logger = createLogger({ level: 'debug', write: (line: string) => lines.push(line) });
    const config = { ...halo.config, rateLimit: { requests: limit, windowMs: 60_000 } };
    const state = openRedisState(stateConfig(overrides), config, logger);
    await until(() => state.health().status === 'ok');
    const client = createHaloClient(config, {
      backoff: FAST_BACKOFF,
      logger,
      ...(state.budget ? { budgetStore: state.budget } : {}),
      ...(state.tokens ? { sharedTokens: state.tokens } : {}),
      ...(state.flight ? { crossFlight: state.flight } : {}),
    });
    const replica = { state, client, lines };
    replicas.push(replica);
    return replica;
  };

  it('fetches one token for all replicas and seals it in Redis', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    await Promise.all([a, b, a, b].map((r, i) => r.client.getOne('clients', i + 1)));
    expect(halo.sim.log.count('/auth/token')).toBe(1);
    expect(a.client.stats().tokenFetches + b.client.stats().tokenFetches).toBe(1);
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    const keys = await raw.keys(`${prefix}*token:*`);
    const stored = await Promise.all(keys.map((key) => raw.get(key)));
    await raw.quit();
    expect(keys).toHaveLength(1);
    // Sealed: the bearer token the simulator issued is nowhere in Redis.
    const issued = halo.sim.log.entries.find((e) => e.path.startsWith('/api/'));
    expect(issued).toBeDefined();
    expect(stored.join('')).toMatch(/"sealed":"v1\./);
    expect(stored.join('')).not.toMatch(/access_token/);
  });

  it('keeps the sum of both replicas under one Halo limit', async () => {
    const [a, b] = [await startReplica(10), await startReplica(10)];
    const reads = Array.from({ length: 16 }, (_, i) =>
      (i % 2 ? a : b).client.getOne('tickets', 100 + i).catch((error: unknown) => error),
    );
    const results = await Promise.all(reads);
    // The simulator answers 404 for ids it does not have: each one is still a request.
    expect(halo.sim.log.count('/api/')).toBe(10);
    const refused = results.filter((r) => r instanceof Error && /pacing requests/.test(r.message));
    expect(refused).toHaveLength(6);
  });

  it('reads a reference list once for every replica, and serves it for the rest of its TTL', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    const cacheA = createReferenceCache(a.client, 60_000, Date.now, a.state.reference);
    const cacheB = createReferenceCache(b.client, 60_000, Date.now, b.state.reference);
    const lists = await Promise.all([cacheA.get('statuses'), cacheB.get('statuses'), cacheB.get('statuses')]);
    expect(halo.sim.log.count('/api/Status')).toBe(1);
    expect(lists[0]).toEqual(lists[1]);
    const cacheC = createReferenceCache((await startReplica()).client, 60_000, Date.now, a.state.reference);
    expect(await cacheC.get('statuses')).toEqual(lists[0]);
    expect(halo.sim.log.count('/api/Status')).toBe(1);
  });

  it('takes a kept answer that arrived after it looked, instead of reading again', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    let reads = 0;
    const read = async () => {
      reads++;
      return [{ id: reads }];
    };
    await a.state.flight!.run('reference:x', read, { keepMs: 60_000 });
    // b missed it a moment ago (its look came before a's answer): it must still not read again.
    expect(await b.state.flight!.run('reference:x', read, { keepMs: 60_000 })).toEqual([{ id: 1 }]);
    expect(reads).toBe(1);
    // Without keepMs a finished read's answer is never reused: single-flight, not a cache.
    await a.state.flight!.run('plain:x', read);
    await b.state.flight!.run('plain:x', read);
    expect(reads).toBe(3);
  });

  it('merges identical reads in flight on two replicas into one Halo request', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    await a.client.list('statuses'); // both hold the token, so only the read below is timed
    await b.client.list('statuses');
    halo.sim.log.reset();
    const [one, two] = await Promise.all([a.client.getOne('clients', 3), b.client.getOne('clients', 3)]);
    expect(one).toEqual(two);
    expect(halo.sim.log.count('/api/Client/3')).toBe(1);
    expect(a.client.stats().mergedReads + b.client.stats().mergedReads).toBe(1);
    // Another identity's read never joins it.
    await Promise.all([
      a.client.getOne('clients', 4),
      b.client.forCall({ identity: 'x' }).getOne('clients', 4),
    ]);
    expect(halo.sim.log.count('/api/Client/4')).toBe(2);
  });

  it('degrades to its share when Redis goes away, says so once, and recovers when it returns', async () => {
    const a = await startReplica(8, { expectedReplicas: 2 });
    await a.client.getOne('clients', 1);
    expect(halo.sim.log.count('/api/')).toBe(1);
    const auth = a.state.authStore!();
    await auth.put('client', 'c1', { name: 'x' });
    await redis.stop(true);
    await until(() => a.state.health().status === 'degraded');
    // Sign-ins cannot be checked from one replica's memory: a clear, retryable refusal.
    await expect(auth.get('client', 'c1')).rejects.toBeInstanceOf(SharedStateUnavailable);
    expect(a.state.health()).toMatchObject({ backend: 'redis', status: 'degraded' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => a.client.getOne('clients', i + 2).catch((e: unknown) => e)),
    );
    // Share = 8 / 2 = 4, one of which was spent before Redis went away.
    expect(halo.sim.log.count('/api/')).toBe(4);
    expect(results.filter((r) => r instanceof Error)).toHaveLength(3);
    expect(a.lines.filter((l) => l.includes('shared state unavailable'))).toHaveLength(1);
    expect(a.lines.join('\n')).not.toContain('redis-pass');
    await redis.start();
    await until(() => a.state.health().status === 'ok', 10_000);
    expect(a.lines.filter((l) => l.includes('shared state back'))).toHaveLength(1);
    // The restarted Redis came back empty: all four sends of this replica's window are written
    // back, the one made before the outage included, so another replica sees them.
    const b = await startReplica(8);
    await until(async () => (await b.state.budget!.view(Date.now(), 60_000)).sends.length === 4);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the degraded budget window', () => {
  it('says "room" exactly when a take succeeds, and stops at floor(cap / replicas)', async () => {
    // Redis on a port nothing listens on: the store stays degraded from the start.
    const port = await closedPort();
    for (const replicas of [1, 2, 3, 4]) {
      for (const cap of [1, 7, 10, 159, 228]) {
        const state = openRedisState(
          {
            redisUrl: `redis://127.0.0.1:${port}`,
            prefix: 'x:',
            expectedReplicas: replicas,
            tokenKey: TOKEN_KEY,
            previousTokenKeys: [],
          },
          {
            ...testHaloConfig({
              url: 'http://127.0.0.1:1',
              authUrl: 'http://127.0.0.1:1/auth',
              clientId: 'a',
              clientSecret: 'b',
              tenant: undefined,
            }),
          },
          createLogger({ level: 'error', write: () => {} }),
        );
        const store = state.budget!;
        let taken = 0;
        for (let i = 0; i < cap + 2; i++) {
          const room = (await store.view(1000 + i, 60_000)).sends.length < cap;
          const ok = await store.take('', 1000 + i, 60_000, cap);
          expect(ok).toBe(room);
          if (ok) taken++;
        }
        expect(taken, `cap ${cap}, ${replicas} replicas`).toBe(Math.floor(cap / replicas));
        await state.close();
      }
    }
  });
});
