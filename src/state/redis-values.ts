import type { RedisLink } from './redis-connection.js';
import type { SharedValues } from './types.js';

const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Short-lived strings in Redis under `prefix`. Every failure is reported to the link (the replica
 * turns degraded) and rethrown: the caller falls back to its local path.
 */
export function createRedisValues(link: RedisLink, prefix: string): SharedValues {
  const { redis } = link;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!link.usable()) throw new Error('Redis is unavailable');
    try {
      return await work();
    } catch (error) {
      link.failed(error);
      throw error;
    }
  };
  return {
    get: (key) => guarded(async () => (await redis.get(prefix + key)) ?? undefined),
    getWithTtl: (key) =>
      guarded(async () => {
        const [[, value], [, ttl]] = (await redis
          .multi()
          .get(prefix + key)
          .pttl(prefix + key)
          .exec()) as [[unknown, string | null], [unknown, number]];
        return value === null || ttl <= 0 ? undefined : { value, ttlMs: ttl };
      }),
    set: (key, value, ttlMs) =>
      guarded(async () => {
        await redis.set(prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
      }),
    deleteIf: (key, expected) =>
      guarded(async () => {
        await redis.eval(DELETE_IF, 1, prefix + key, expected);
      }),
  };
}
