import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run atomically by Redis: `KEYS` then `ARGV`. */
export type RedisScript = (keys: string[], args: (string | number)[]) => Promise<unknown>;

/**
 * Runs by its SHA-1 and sends the body only when Redis does not know it yet (after a restart or
 * SCRIPT FLUSH), without defining commands on the connection, which other modules share.
 */
export function redisScript(redis: Redis, lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
