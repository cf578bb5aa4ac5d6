import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedLocks } from './types.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const POLL_MS = 25;

/** Locks as Redis keys set only when absent, released only by their holder. */
export function createRedisLocks(redis: Redis, prefix: string): SharedLocks {
  const keyOf = (name: string) => `${prefix}lock:${name}`;
  return {
    async tryLock(name, ttlMs) {
      const owner = randomBytes(12).toString('base64url');
      const key = keyOf(name);
      if ((await redis.set(key, owner, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) !== 'OK')
        return undefined;
      return async () => {
        await redis.eval(RELEASE, 1, key, owner);
      };
    },
    async waitUnlocked(name, maxWaitMs, signal) {
      const until = Date.now() + maxWaitMs;
      while (Date.now() < until) {
        signal?.throwIfAborted();
        if ((await redis.exists(keyOf(name))) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}
