import type { Redis } from 'ioredis';
import type { AuthRecordKind, AuthStore, Consumed, PutOptions } from '../auth/store.js';
import { redisScript } from './redis-script.js';

// The OAuth server's records in Redis, shared by every replica, with the semantics of the SQLite
// store. A record is a hash: `v` the JSON value, `c` 1 once consumed, `g` its grant, `e` its expiry
// (epoch ms, also the key's PEXPIREAT; kept to compare with the injected clock on every read).
// A grant's members are listed in the set `${prefix}auth-grant:<grantId>`; a member counts only
// while its own `g` still names that grant, so a record re-put under another grant (or none) is
// never removed with its old one. Scripts name keys they compute, so this wants one Redis, not a
// cluster. PEXPIREAT ... GT needs Redis 7.

const PUT = `
local key, value, grant, expires, setPrefix = KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local old = redis.call('HGET', key, 'g')
if old and old ~= grant then redis.call('SREM', setPrefix .. old, key) end
redis.call('DEL', key)
redis.call('HSET', key, 'v', value, 'c', '0')
if grant ~= '' then redis.call('HSET', key, 'g', grant) end
if expires ~= '' then
  redis.call('HSET', key, 'e', expires)
  redis.call('PEXPIREAT', key, expires)
end
if grant ~= '' then
  local set = setPrefix .. grant
  local existed = redis.call('EXISTS', set) == 1
  redis.call('SADD', set, key)
  -- The set lives at least as long as its longest-lived member (GT: only ever later; a set without
  -- expiry counts as later than any time).
  if expires == '' then redis.call('PERSIST', set)
  elseif existed then redis.call('PEXPIREAT', set, expires, 'GT')
  else redis.call('PEXPIREAT', set, expires) end
end
`;

const CONSUME = `
local f = redis.call('HMGET', KEYS[1], 'v', 'c', 'e')
if not f[1] then return nil end
if f[3] and tonumber(f[3]) <= tonumber(ARGV[1]) then return nil end
redis.call('HSET', KEYS[1], 'c', '1')
return {f[1], f[2]}
`;

const DELETE = `
local old = redis.call('HGET', KEYS[1], 'g')
if old then redis.call('SREM', ARGV[1] .. old, KEYS[1]) end
redis.call('DEL', KEYS[1])
`;

const DELETE_GRANT = `
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('HGET', member, 'g') == ARGV[1] then redis.call('DEL', member) end
end
redis.call('DEL', KEYS[1], KEYS[2])
`;

/**
 * `close()` leaves `redis` open: the connection belongs to the shared state, which closes it after
 * everything that uses it.
 */
export function createRedisAuthStore(redis: Redis, prefix: string, now: () => number = Date.now): AuthStore {
  const recordKey = (kind: AuthRecordKind, key: string) => `${prefix}auth:${kind}:${key}`;
  const setPrefix = `${prefix}auth-grant:`;
  const put = redisScript(redis, PUT);
  const consume = redisScript(redis, CONSUME);
  const remove = redisScript(redis, DELETE);
  const removeGrant = redisScript(redis, DELETE_GRANT);

  return {
    async put(kind: AuthRecordKind, key: string, value: unknown, options: PutOptions = {}) {
      const { grantId = '', expiresAt } = options;
      const expires = expiresAt === undefined ? '' : String(expiresAt);
      await put([recordKey(kind, key)], [JSON.stringify(value), grantId, expires, setPrefix]);
    },
    async get<T>(kind: AuthRecordKind, key: string) {
      const [value, expires] = await redis.hmget(recordKey(kind, key), 'v', 'e');
      if (value === null || value === undefined) return undefined;
      if (expires !== null && expires !== undefined && Number(expires) <= now()) return undefined;
      return JSON.parse(value) as T;
    },
    async consume<T>(kind: AuthRecordKind, key: string): Promise<Consumed<T> | undefined> {
      const found = (await consume([recordKey(kind, key)], [now()])) as [string, string] | null;
      if (found === null) return undefined;
      return { value: JSON.parse(found[0]) as T, replay: found[1] === '1' };
    },
    async delete(kind: AuthRecordKind, key: string) {
      await remove([recordKey(kind, key)], [setPrefix]);
    },
    async deleteGrant(grantId: string) {
      await removeGrant([`${setPrefix}${grantId}`, recordKey('grant', grantId)], [grantId]);
    },
    async close() {},
  };
}
