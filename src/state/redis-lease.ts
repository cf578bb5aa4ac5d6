import type { Redis } from 'ioredis';
import { redisScript } from './redis-script.js';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Keeps a lock key alive while its holder works: its TTL is renewed every third of it, so the TTL
 * can be short (a replica killed while holding it frees it within one TTL, and nobody waits
 * longer) while a long read or token fetch still keeps it. Renewal stops when the holder no longer
 * owns the key, on the first failure, or when the returned function is called.
 */
export function keepAlive(redis: Redis, key: string, owner: string, ttlMs: number): () => void {
  const renew = redisScript(redis, RENEW);
  const timer = setInterval(
    () => {
      renew([key], [owner, ttlMs]).then(
        (kept) => {
          if (kept !== 1) clearInterval(timer);
        },
        () => clearInterval(timer),
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
