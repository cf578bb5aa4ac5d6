import { createHash, randomBytes } from 'node:crypto';
import type { RedisLink } from './redis-connection.js';
import { keepAlive } from './redis-lease.js';

/**
 * Single-flight across replicas: while one replica reads a key from Halo, another replica asking
 * for the same key waits for that read and takes its answer instead of spending a request of the
 * tenant's budget. The reading replica holds a short Redis lock; waiters announce themselves, so
 * the answer is written to Redis only when someone waits for it (or when `keepMs` makes it a
 * cache). Anything unusual (Redis away, the reader failed, a lock that outlived its reader) ends
 * with the waiter reading for itself: a merged read can only save requests, never lose an answer.
 */
export interface CrossReplicaFlight {
  run<T>(key: string, work: () => Promise<T>, options?: FlightOptions): Promise<T>;
  /** An answer kept with `keepMs` and the ms it has left; undefined when absent or Redis is away. */
  kept<T>(key: string): Promise<{ value: T; ttlMs: number } | undefined>;
  /** Answers taken from another replica's read. */
  readonly merged: number;
}

export interface FlightOptions {
  /** Keep the answer this long for later readers (a shared cache); default: only for waiters. */
  keepMs?: number;
  /** Longest wait for the other replica's read. */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

/** The reader's lock, renewed while it reads: a reader that died frees it within this. */
const LOCK_MS = 5_000;
/** Longest a waiter waits for another replica's read (its own call's budget may end sooner). */
const MAX_WAIT_MS = 30_000;
/** How long an answer written for waiters stays. */
const ANSWER_MS = 2_000;
const POLL_MS = 20;

/**
 * KEYS: lock, waiters, answer. ARGV: owner, answer ('' = none yet), its lifetime in ms, whether an
 * answer is wanted even without waiters. Without a body, while someone waits (or the answer is to
 * be kept), the lock stays and -1 asks for the body; otherwise the lock goes. Deciding and
 * releasing in one step means a waiter can never arrive between the decision and the release.
 */
const RELEASE = `local waiting = tonumber(redis.call('GET', KEYS[2]) or '0')
if ARGV[2] == '' and ARGV[4] == '1' and (waiting > 0 or ARGV[5] == '1') then return -1 end
if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2], 'PX', tonumber(ARGV[3])) end
redis.call('DEL', KEYS[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return waiting`;

/** Counts a waiter only while the read it waits for is still running: 0 when it has ended. */
const WAIT = `if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/**
 * Takes the lock: 1. In keep mode (a shared cache) an answer already kept wins instead (2), so a
 * replica that missed it a moment ago does not read again; otherwise an answer left by an earlier
 * read is cleared, so a waiter only ever gets this read's. 0: another replica holds the lock.
 * KEYS: lock, answer. ARGV: owner, lock ms, keep ('1'/'0').
 */
const ACQUIRE = `if ARGV[3] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]), 'NX') then
  if ARGV[3] ~= '1' then redis.call('DEL', KEYS[2]) end
  return 1
end
return 0`;

/** A waiter that found the read already over starts again this many times before reading itself. */
const RETRIES = 2;

export function createCrossReplicaFlight(link: RedisLink, prefix: string): CrossReplicaFlight {
  const { redis } = link;
  let merged = 0;

  /** Redis work that reports a failure to the link and then yields `fallback`. */
  const attempt = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    if (!link.usable()) return fallback;
    try {
      return await work();
    } catch (error) {
      link.failed(error);
      return fallback;
    }
  };

  const waitForReader = async (lockKey: string, maxWaitMs: number, signal?: AbortSignal) => {
    const until = Date.now() + maxWaitMs;
    while (Date.now() < until) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const held = await attempt(async () => (await redis.exists(lockKey)) === 1, false);
      if (!held) return;
    }
  };

  const idOf = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

  return {
    get merged() {
      return merged;
    },

    kept: <T>(key: string) =>
      attempt(async () => {
        const answerKey = `${prefix}flight-answer:${idOf(key)}`;
        const [[, raw], [, ttl]] = (await redis.multi().get(answerKey).pttl(answerKey).exec()) as [
          [unknown, string | null],
          [unknown, number],
        ];
        return raw === null || ttl <= 0 ? undefined : { value: JSON.parse(raw) as T, ttlMs: ttl };
      }, undefined),

    async run<T>(key: string, work: () => Promise<T>, options: FlightOptions = {}): Promise<T> {
      if (!link.usable()) return work();
      const id = idOf(key);
      const lockKey = `${prefix}flight:${id}`;
      const waitersKey = `${prefix}flight-waiters:${id}`;
      const answerKey = `${prefix}flight-answer:${id}`;
      const owner = randomBytes(9).toString('base64url');
      const keep = options.keepMs !== undefined;

      const release = async (answer: { value: T } | undefined) => {
        await attempt(async () => {
          const args = [lockKey, waitersKey, answerKey, owner];
          const lifetime = String(Math.round(options.keepMs ?? ANSWER_MS) || 1);
          const wanted = answer ? '1' : '0';
          const first = await redis.eval(RELEASE, 3, ...args, '', lifetime, wanted, keep ? '1' : '0');
          if (first === -1 && answer) {
            await redis.eval(RELEASE, 3, ...args, JSON.stringify(answer.value), lifetime, '1', '0');
          }
        }, undefined);
      };

      for (let round = 0; round <= RETRIES; round++) {
        const acquired = await attempt(
          async () =>
            Number(
              await redis.eval(ACQUIRE, 2, lockKey, answerKey, owner, String(LOCK_MS), keep ? '1' : '0'),
            ),
          undefined,
        );
        if (acquired === undefined) return work();
        if (acquired === 2) {
          const raw = await attempt(async () => (await redis.get(answerKey)) ?? undefined, undefined);
          if (raw !== undefined) {
            merged++;
            return JSON.parse(raw) as T;
          }
          continue; // it expired in between: take the lock next round
        }
        if (acquired === 1) {
          let answer: { value: T } | undefined;
          const stop = keepAlive(redis, lockKey, owner, LOCK_MS);
          try {
            answer = { value: await work() };
            return answer.value;
          } finally {
            stop();
            await release(answer);
          }
        }
        const waiting = await attempt(
          async () => (await redis.eval(WAIT, 2, waitersKey, lockKey, String(MAX_WAIT_MS))) === 1,
          undefined,
        );
        if (waiting === undefined) return work();
        // The read ended before we could wait for it: its answer may predate our call, so read
        // again, unless answers are kept (a cache, fresh for its TTL).
        if (!waiting && !keep) continue;
        if (waiting) await waitForReader(lockKey, options.maxWaitMs ?? MAX_WAIT_MS, options.signal);
        const raw = await attempt(async () => (await redis.get(answerKey)) ?? undefined, undefined);
        if (raw !== undefined) {
          merged++;
          return JSON.parse(raw) as T;
        }
        // The read ended without an answer for us (it failed, or ended just before we asked): try again.
      }
      return work();
    },
  };
}
