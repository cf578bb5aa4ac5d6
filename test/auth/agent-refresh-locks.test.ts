import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { AgentTokens, type AgentTokensOptions, type Grant } from '../../src/auth/agent-tokens.js';
import { HaloLoginError, type HaloTokens } from '../../src/auth/halo-login.js';
import { createTokenSealer } from '../../src/auth/sealed-tokens.js';
import type { AuthStore } from '../../src/auth/store.js';
import { silentLogger } from '../../src/log.js';
import { createRedisAuthStore } from '../../src/state/redis-auth-store.js';
import { createRedisLocks } from '../../src/state/redis-locks.js';
import type { SharedLocks } from '../../src/state/types.js';
import { describeWithRedis } from '../helpers/redis-fixture.js';

// Two replicas refreshing one agent's Halo token at once. Halo's token endpoint is a double here
// (the lock is under test, not Halo): it rotates the refresh token and refuses a reused one, as
// Halo does, and counts the refreshes it was asked for.

const HOUR = 3_600_000;

class RotatingHalo {
  refreshes = 0;
  refused = 0;
  private current = 'refresh-0';

  /**
   * `hold`: every refresh waits for it first (so that concurrent ones really overlap);
   * `unavailable`: how many of the first refreshes fail as if Halo were down.
   */
  constructor(
    private readonly hold: () => Promise<void> = async () => {},
    private unavailable = 0,
  ) {}

  async refresh(refreshToken: string): Promise<HaloTokens> {
    const n = ++this.refreshes;
    await this.hold();
    if (this.unavailable-- > 0)
      throw new HaloLoginError("Halo's token service refused the request.", 'failed');
    if (refreshToken !== this.current) {
      this.refused++;
      throw new HaloLoginError('Halo no longer accepts this sign-in: sign in to Halo again.', 'revoked');
    }
    this.current = `refresh-${n}`;
    return { accessToken: `access-${n}`, refreshToken: this.current, expiresAt: Date.now() + HOUR };
  }
}

/** The locks, telling when a replica found the lock taken. */
function observed(locks: SharedLocks, onContended: () => void): SharedLocks {
  return {
    async tryLock(name, ttlMs) {
      const release = await locks.tryLock(name, ttlMs);
      if (release === undefined) onContended();
      return release;
    },
    waitUnlocked: (name, maxWaitMs, signal) => locks.waitUnlocked(name, maxWaitMs, signal),
  };
}

describeWithRedis('agent token refresh across replicas', (redis) => {
  const sealer = createTokenSealer(randomBytes(32));

  /** Two replicas on one Redis, and a grant whose Halo token expires in 10 s (inside the early refresh). */
  async function replicas(
    halo: RotatingHalo,
    options: (connection: Redis, prefix: string) => AgentTokensOptions,
  ) {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const stores: AuthStore[] = [createRedisAuthStore(a, prefix), createRedisAuthStore(b, prefix)];
    const [one, two] = stores.map(
      (store, i) => new AgentTokens(store, sealer, halo, silentLogger, Date.now, options(i ? b : a, prefix)),
    );
    if (!one || !two || !stores[0]) throw new Error('two replicas');
    const grant: Grant = {
      grantId: 'g1',
      clientId: 'c1',
      agentId: 5,
      agentName: 'Agent',
      resource: 'http://127.0.0.1/mcp',
      scope: 'halo',
      halo: one.seal({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: Date.now() + 10_000 }),
      expiresAt: Date.now() + HOUR,
    };
    await one.saveGrant(grant);
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).source('g1').token());
    return { calls, grant: () => one.grant('g1') };
  }

  /** Shared locks; the holder's refresh answers Halo only once the other replica has found the lock taken. */
  function contendedHalo(unavailable = 0) {
    let contended: () => void = () => {};
    const someoneWaited = new Promise<void>((resolve) => {
      contended = resolve;
    });
    const halo = new RotatingHalo(() => someoneWaited, unavailable);
    const options = (connection: Redis, prefix: string): AgentTokensOptions => ({
      locks: observed(createRedisLocks(connection, prefix), contended),
    });
    return { halo, options };
  }

  it('asks Halo once for 20 concurrent calls over two replicas sharing locks', async () => {
    const { halo, options } = contendedHalo();
    const { calls, grant } = await replicas(halo, options);
    const tokens = await Promise.all(calls);
    expect(tokens).toEqual(Array.from({ length: 20 }, () => 'access-1'));
    expect(halo.refreshes).toBe(1);
    expect(halo.refused).toBe(0);
    expect(await grant()).toBeDefined();
  });

  it("refreshes again after the lock holder's refresh failed, with the rotated token unchanged", async () => {
    const { halo, options } = contendedHalo(1);
    const { calls, grant } = await replicas(halo, options);
    const results = await Promise.allSettled(calls);
    expect(halo.refreshes).toBe(2);
    expect(halo.refused).toBe(0);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))).toEqual(
      Array.from({ length: 10 }, () => 'access-2'),
    );
    expect(await grant()).toBeDefined();
  });

  it('without shared locks, each replica refreshes and Halo refuses the second (the sign-in ends)', async () => {
    let arrived: () => void = () => {};
    const both = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const halo = new RotatingHalo(async () => {
      if (halo.refreshes === 2) arrived();
      await both;
    });
    const { calls, grant } = await replicas(halo, () => ({}));
    const results = await Promise.allSettled(calls);
    expect(halo.refreshes).toBe(2);
    expect(halo.refused).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(await grant()).toBeUndefined();
  });
});
