import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type BudgetStore, type BudgetWindow, MemoryBudgetStore } from '../halo/budget-store.js';
import type { RedisLink } from './redis-connection.js';

/**
 * The Halo budget window in one Redis sorted set shared by every replica: a member per send
 * (score = send time), pruned and checked in one Lua script, so no two replicas can both take the
 * last slot. Halo limits the tenant, whichever replica sends.
 *
 * While Redis is away each replica counts its own sends in memory and paces at its share: the
 * window it reports holds each of its sends `replicas` times, so the scheduler (which compares with
 * the whole limit) stops at limit ÷ replicas. This replica's sends are always mirrored locally, so
 * the share already counts what it sent just before Redis went away; when Redis returns, every own
 * send still in the window is written back (a restarted Redis is empty), so the shared window
 * stays honest.
 */

const PRUNE = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))`;

const TAKE = `${PRUNE}
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
return 1`;

const VIEW = `${PRUNE}
return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')`;

const RESTORE = `for i = 2, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + 1000)
return 1`;

interface BudgetCommands {
  haloBudgetTake(key: string, now: number, windowMs: number, cap: number, member: string): Promise<number>;
  haloBudgetView(key: string, now: number, windowMs: number): Promise<string[]>;
  haloBudgetRestore(key: string, windowMs: number, ...scoreMembers: Array<string | number>): Promise<number>;
}

function commands(redis: Redis): BudgetCommands {
  const r = redis as Redis & Partial<BudgetCommands>;
  if (!r.haloBudgetTake) {
    redis.defineCommand('haloBudgetTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('haloBudgetView', { numberOfKeys: 1, lua: VIEW });
    redis.defineCommand('haloBudgetRestore', { numberOfKeys: 1, lua: RESTORE });
  }
  return redis as unknown as BudgetCommands;
}

export interface SharedBudgetOptions {
  link: RedisLink;
  /** The sorted set's key (prefix included). */
  key: string;
  /** How many replicas share the limit: each one's share while Redis is away. */
  replicas: number;
}

export interface SharedBudgetStore extends BudgetStore {
  /** This replica's sends inside the last window seen. */
  ownSends(): number;
}

export function createRedisBudgetStore(options: SharedBudgetOptions): SharedBudgetStore {
  const { link, key } = options;
  const replicas = Math.max(1, Math.floor(options.replicas));
  const cmd = commands(link.redis);
  const replica = randomBytes(6).toString('base64url');
  let seq = 0;
  /** This replica's own sends, always: the share is counted from them while degraded. */
  const local = new MemoryBudgetStore();
  /**
   * The same sends with their Redis members, so that on Redis's return every one still in the
   * window can be written back: a restarted Redis is empty, and re-adding a member it kept is a no-op.
   */
  let own: Array<{ at: number; member: string }> = [];
  let lastWindowMs = 0;
  let lastNow = 0;
  /** While Redis's window is being refilled, nobody reads it (it would look emptier than it is). */
  let restoring: Promise<void> | undefined;

  const memberFor = (identity: string, at: number) => `${at}:${replica}:${seq++}:${identity}`;
  const remember = (at: number, member: string, windowMs: number) => {
    own.push({ at, member });
    if (own.length > 64 && own[0]!.at <= at - windowMs) own = own.filter((send) => send.at > at - windowMs);
  };

  link.onRecovered(() => {
    const restore = own.filter((send) => send.at > lastNow - lastWindowMs);
    if (restore.length === 0) return;
    const args = restore.flatMap((send) => [send.at, send.member]);
    restoring = cmd
      .haloBudgetRestore(key, lastWindowMs, ...args)
      .then(
        () => {},
        (error: unknown) => link.failed(error),
      )
      .finally(() => {
        restoring = undefined;
      });
  });

  /**
   * The window as the scheduler must see it while degraded: each own send counted `replicas`
   * times, plus `replicas - 1`, so that "fewer than cap" holds exactly when one more send fits in
   * floor(cap / replicas), the rule `take` applies. (Were the two to disagree, the scheduler would
   * retry a refused take at once, forever.)
   */
  const scaled = async (now: number, windowMs: number): Promise<BudgetWindow> => {
    const mine = await local.view(now, windowMs);
    const sends = mine.sends.flatMap((at) => Array<number>(replicas).fill(at));
    const newest = mine.sends.at(-1) ?? now;
    for (let i = 1; i < replicas; i++) sends.push(newest);
    const byIdentity = new Map([...mine.byIdentity].map(([identity, n]) => [identity, n * replicas]));
    return { sends, byIdentity };
  };

  return {
    async view(now, windowMs) {
      lastWindowMs = windowMs;
      lastNow = now;
      if (restoring) await restoring;
      if (link.usable()) {
        try {
          return parseWindow(await cmd.haloBudgetView(key, now, windowMs));
        } catch (error) {
          link.failed(error);
        }
      }
      return scaled(now, windowMs);
    },

    async take(identity, now, windowMs, cap) {
      lastWindowMs = windowMs;
      lastNow = now;
      if (restoring) await restoring;
      const member = memberFor(identity, now);
      if (link.usable()) {
        try {
          const taken = (await cmd.haloBudgetTake(key, now, windowMs, cap, member)) === 1;
          if (taken) {
            await local.take(identity, now, windowMs, Number.POSITIVE_INFINITY);
            remember(now, member, windowMs);
          }
          return taken;
        } catch (error) {
          link.failed(error);
        }
      }
      const mine = await local.view(now, windowMs);
      // The share is floor(cap / replicas): one more send must still fit in it whole.
      if ((mine.sends.length + 1) * replicas > cap) return false;
      await local.take(identity, now, windowMs, Number.POSITIVE_INFINITY);
      remember(now, member, windowMs);
      return true;
    },

    ownSends: () => own.filter((send) => send.at > lastNow - lastWindowMs).length,
  };
}

/** ZRANGE WITHSCORES: member, score, member, score… A member is `time:replica:seq:identity`. */
function parseWindow(flat: string[]): BudgetWindow {
  const sends: number[] = [];
  const byIdentity = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const member = flat[i]!;
    sends.push(Number(flat[i + 1]));
    const identity = member.split(':').slice(3).join(':');
    byIdentity.set(identity, (byIdentity.get(identity) ?? 0) + 1);
  }
  return { sends, byIdentity };
}
