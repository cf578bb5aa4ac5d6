import { expect, it } from 'vitest';
import { createRedisLocks } from '../../src/state/redis-locks.js';
import { describeWithRedis } from '../helpers/redis-fixture.js';

describeWithRedis('Redis locks', (redis) => {
  it('gives a lock to one holder at a time across connections, under the prefix', async () => {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const one = createRedisLocks(a, prefix);
    const two = createRedisLocks(b, prefix);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).tryLock('x', 30_000)),
    );
    const holders = results.filter((release) => release !== undefined);
    expect(holders).toHaveLength(1);
    expect(await a.keys(`${prefix}*`)).toEqual([`${prefix}lock:x`]);
    expect(await createRedisLocks(a, redis.prefix()).tryLock('x', 30_000)).toBeDefined();
    await holders[0]?.();
    expect(await a.exists(`${prefix}lock:x`)).toBe(0);
    expect(await two.tryLock('x', 30_000)).toBeDefined();
  });

  it('does not release a lock that expired and was taken by another holder', async () => {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const locks = createRedisLocks(a, prefix);
    const first = await locks.tryLock('x', 30_000);
    await a.del(`${prefix}lock:x`); // as if its TTL had run out
    const second = await createRedisLocks(b, prefix).tryLock('x', 30_000);
    expect(second).toBeDefined();
    await first?.();
    expect(await locks.tryLock('x', 30_000)).toBeUndefined();
    await second?.();
    expect(await locks.tryLock('x', 30_000)).toBeDefined();
  });

  it('sets the TTL on the lock key', async () => {
    const [a] = redis.replicas();
    const prefix = redis.prefix();
    await createRedisLocks(a, prefix).tryLock('x', 30_000);
    const ttl = await a.pttl(`${prefix}lock:x`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('waits until the lock is free, gives up after maxWaitMs, and stops when aborted', async () => {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const locks = createRedisLocks(a, prefix);
    await locks.waitUnlocked('free', 30_000);

    const release = await locks.tryLock('x', 30_000);
    const waiting = createRedisLocks(b, prefix)
      .waitUnlocked('x', 30_000)
      .then(() => a.exists(`${prefix}lock:x`));
    await release?.();
    expect(await waiting).toBe(0);

    await locks.tryLock('held', 30_000);
    await locks.waitUnlocked('held', 50);
    expect(await a.exists(`${prefix}lock:held`)).toBe(1);

    const controller = new AbortController();
    const aborted = locks.waitUnlocked('held', 30_000, controller.signal);
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow();
  });
});
