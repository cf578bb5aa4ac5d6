import type { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { createRedisAuthStore } from '../../src/state/redis-auth-store.js';
import { describeWithRedis } from '../helpers/redis-fixture.js';

// What only a shared store has to get right: several replicas (each its own connection) at once,
// real Redis expiry, and deployments that share one Redis under different prefixes.

async function keysUnder(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

describeWithRedis('the Redis auth store across replicas', (redis) => {
  it('lets exactly one of 50 concurrent consumes on two connections be the first', async () => {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const replicaA = createRedisAuthStore(a, prefix);
    const replicaB = createRedisAuthStore(b, prefix);
    await replicaA.put('code', 'c1', { grantId: 'g1' }, { expiresAt: Date.now() + 60_000, grantId: 'g1' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).consume('code', 'c1')),
    );
    expect(results.filter((r) => r?.replay === false)).toHaveLength(1);
    expect(results.filter((r) => r?.replay === true)).toHaveLength(49);
    expect(new Set(results.map((r) => JSON.stringify(r?.value)))).toEqual(new Set(['{"grantId":"g1"}']));
  });

  it('removes from one replica a grant and the records another replica wrote for it', async () => {
    const [a, b] = redis.replicas();
    const prefix = redis.prefix();
    const replicaA = createRedisAuthStore(a, prefix);
    const replicaB = createRedisAuthStore(b, prefix);
    await replicaA.put('grant', 'g1', { agentId: 5 }, { expiresAt: Date.now() + 60_000 });
    await replicaA.put('access', 'a1', { grantId: 'g1' }, { grantId: 'g1', expiresAt: Date.now() + 60_000 });
    await replicaA.put('refresh', 'r1', { grantId: 'g1' }, { grantId: 'g1' });
    await replicaA.put('access', 'a2', { grantId: 'g2' }, { grantId: 'g2' });
    expect(await replicaB.get('access', 'a1')).toEqual({ grantId: 'g1' });
    await replicaB.deleteGrant('g1');
    for (const [kind, key] of [
      ['grant', 'g1'],
      ['access', 'a1'],
      ['refresh', 'r1'],
    ] as const) {
      expect(await replicaA.get(kind, key)).toBeUndefined();
    }
    expect(await replicaA.get('access', 'a2')).toEqual({ grantId: 'g2' });
    expect(await keysUnder(a, `${prefix}*`)).toEqual([`${prefix}auth-grant:g2`, `${prefix}auth:access:a2`]);
  });

  it('expires records in Redis itself, and keeps a grant set as long as its longest member', async () => {
    const [a] = redis.replicas();
    const prefix = redis.prefix();
    const store = createRedisAuthStore(a, prefix);
    const soon = Date.now() + 60_000;
    const later = Date.now() + 3_600_000;
    await store.put('refresh', 'r1', {}, { grantId: 'g1', expiresAt: later });
    await store.put('access', 'a1', {}, { grantId: 'g1', expiresAt: soon });
    await store.put('client', 'k1', {});
    const ttl = await a.pttl(`${prefix}auth:access:a1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await a.pexpiretime(`${prefix}auth:access:a1`)).toBe(soon);
    expect(await a.pexpiretime(`${prefix}auth:refresh:r1`)).toBe(later);
    expect(await a.pexpiretime(`${prefix}auth-grant:g1`)).toBe(later);
    expect(await a.pttl(`${prefix}auth:client:k1`)).toBe(-1);
    // A member without an expiry keeps the set for good.
    await store.put('access', 'a2', {}, { grantId: 'g1' });
    expect(await a.pttl(`${prefix}auth-grant:g1`)).toBe(-1);
    // Re-putting without an expiry makes the record permanent again.
    await store.put('access', 'a1', {}, { grantId: 'g1' });
    expect(await a.pttl(`${prefix}auth:access:a1`)).toBe(-1);
  });

  it('keeps every key under its prefix, and two prefixes do not see each other', async () => {
    const [a, b] = redis.replicas();
    const first = redis.prefix();
    const second = redis.prefix();
    const one = createRedisAuthStore(a, first);
    const two = createRedisAuthStore(b, second);
    await one.put('grant', 'g1', { owner: 'one' });
    await one.put('code', 'c1', { owner: 'one' }, { grantId: 'g1', expiresAt: Date.now() + 60_000 });
    await two.put('grant', 'g1', { owner: 'two' });
    expect(await two.get('code', 'c1')).toBeUndefined();
    expect(await two.consume('code', 'c1')).toBeUndefined();
    expect(await two.get('grant', 'g1')).toEqual({ owner: 'two' });
    await two.deleteGrant('g1');
    expect(await one.get('grant', 'g1')).toEqual({ owner: 'one' });
    expect(await one.consume('code', 'c1')).toEqual({ value: { owner: 'one' }, replay: false });
    expect(await keysUnder(a, `${first}*`)).toEqual([
      `${first}auth-grant:g1`,
      `${first}auth:code:c1`,
      `${first}auth:grant:g1`,
    ]);
    expect(await keysUnder(a, `${second}*`)).toEqual([]);
    const everything = await keysUnder(a, '*');
    expect(everything.every((key) => key.startsWith('test-'))).toBe(true);
  });

  it('leaves the shared connection open on close, and runs its scripts again after SCRIPT FLUSH', async () => {
    const [a] = redis.replicas();
    const prefix = redis.prefix();
    const store = createRedisAuthStore(a, prefix);
    await store.put('code', 'c1', { n: 1 });
    await store.close();
    expect(a.status).toBe('ready');
    await a.script('FLUSH');
    expect(await store.consume('code', 'c1')).toEqual({ value: { n: 1 }, replay: false });
  });
});
