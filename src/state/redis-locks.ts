import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { keepAlive } from './redis-lease.js';
import { redisScript } from './redis-script.js';
import type { SharedLocks } from './types.js';

/** How often a waiter looks whether the lock is free again. */
const POLL_MS = 25;

// Deletes the lock only while it still holds this holder's token: after its TTL ran out another
// replica may hold it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Locks under `${prefix}lock:<name>` (SET NX PX with a random token), renewed while held (so `ttlMs`
 * bounds how long a holder that died keeps others waiting, not how long a holder may work). `waitUnlocked` looks every
 * POLL_MS and rejects when `signal` aborts.
 */
export function createRedisLocks(redis: Redis, prefix: string): SharedLocks {
  const keyOf = (name: string) => `${prefix}lock:${name}`;
  const release = redisScript(redis, RELEASE);

  return {
    async tryLock(name, ttlMs) {
      const key = keyOf(name);
      const token = randomBytes(16).toString('hex');
      const taken = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (taken !== 'OK') return undefined;
      const stop = keepAlive(redis, key, token, ttlMs);
      return async () => {
        stop();
        await release([key], [token]);
      };
    },
    async waitUnlocked(name, maxWaitMs, signal) {
      const key = keyOf(name);
      const until = Date.now() + maxWaitMs;
      for (;;) {
        signal?.throwIfAborted();
        if ((await redis.exists(key)) === 0) return;
        const left = until - Date.now();
        if (left <= 0) return;
        await sleep(Math.min(POLL_MS, left), undefined, signal ? { signal } : undefined);
      }
    },
  };
}
