import { describe, expect, it } from 'vitest';
import { MemoryBudgetStore } from '../../src/halo/budget-store.js';
import { HaloApiError } from '../../src/halo/errors.js';
import { BudgetScheduler, type CallAccount } from '../../src/halo/scheduler.js';
import { DEMO_PACING } from '../../src/server/demo.js';
import { manualClock } from '../helpers/clock.js';

// The scheduler alone, on a manual clock: which request goes when, and who is refused with what.

function setup(limit: number, windowMs: number, maxConcurrency = 1) {
  const clock = manualClock();
  const scheduler = new BudgetScheduler({
    limit,
    windowMs,
    maxConcurrency,
    store: new MemoryBudgetStore(),
    now: clock.now,
    sleep: clock.sleep,
  });
  const granted: string[] = [];
  /** Queues `count` requests for `call`; each is released as soon as it is granted. */
  const ask = (label: string, call: CallAccount, count: number, deadlineMs = 60_000) =>
    Array.from({ length: count }, () =>
      scheduler
        .acquire({ call, endpoint: `GET /api/${label}`, deadline: clock.now() + deadlineMs })
        .then((release) => {
          granted.push(label);
          release();
        }),
    );
  return { clock, scheduler, granted, ask };
}

const call = (identity = ''): CallAccount => ({ identity, sent: 0 });

describe('Halo budget scheduler', () => {
  it('serves an interactive call before the queued fan-out of a big one', async () => {
    const { granted, ask } = setup(100, 60_000);
    const big = ask('big', call(), 20);
    const small = ask('small', call(), 2);
    await Promise.all([...big, ...small]);
    expect(granted.slice(0, 2)).toEqual(['small', 'small']);
    expect(granted).toHaveLength(22);
  });

  it('refuses, at once and whole, a big call that needs more than the window leaves it, with the wait', async () => {
    const { clock, granted, ask } = setup(10, 300_000, 4);
    const big = call();
    const outcomes = await Promise.allSettled(ask('big', big, 20, 45_000));
    // Big calls may fill 7 of 10 (the last 30 % are kept for short calls): 20 cannot be had in 45 s.
    expect(granted).toEqual([]);
    const refused = outcomes.map((o) => (o.status === 'rejected' ? o.reason : undefined));
    expect(new Set(refused)).toEqual(new Set([big.refusal]));
    expect(big.refusal).toBeInstanceOf(HaloApiError);
    expect(big.refusal).toMatchObject({ status: 0, code: 'HALO_RATE_LIMITED', retryAfterSeconds: 300 });
    expect(big.refusal!.message).toBe(
      "This server is pacing requests to stay under Halo's limit (0 of 10 used in the last 300 s, the last 3 kept for short calls, and this call has asked for 20; next slot in 300 s). Halo itself refused nothing.",
    );
    await expect(ask('big', big, 1)[0]).rejects.toBe(big.refusal);
    expect(clock.sleeps).toEqual([]);
  });

  it('lets big calls fill the window only up to the reserve, which short calls then use', async () => {
    const { granted, ask } = setup(10, 300_000, 4);
    // Eight big calls of one request at a time, each already 8 requests in: bulk.
    const bigs = Array.from({ length: 8 }, () => ({ identity: '', sent: 8 }));
    const outcomes = await Promise.allSettled(bigs.flatMap((big) => ask('big', big, 1, 45_000)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(7);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason.message).toContain(
      '(0 of 10 used in the last 300 s, 7 more queued ahead, the last 3 kept for short calls, and this call has asked for 9; next slot in 300 s)',
    );
    await Promise.all(ask('small', call(), 3));
    expect(granted.filter((l) => l === 'small')).toHaveLength(3);
  });

  it('gives the slot to the identity that has used less of the window', async () => {
    const { clock, granted, ask } = setup(4, 10_000);
    await Promise.all(ask('alice-1', call('alice'), 3));
    // Window: 3 of 4 used by alice. Alice and Bob both want more; Bob's first request goes next.
    const later = [...ask('alice-2', call('alice'), 1), ...ask('bob', call('bob'), 2)];
    await Promise.all(later);
    // Bob takes the last slot. Once the window has rolled both have used nothing, and the call
    // that has asked for less (alice's second, 1 against bob's 2) goes first.
    expect(granted.slice(3)).toEqual(['bob', 'alice-2', 'bob']);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('queues a request whose slot frees before its deadline, and says how long it waits', async () => {
    const { clock, scheduler, ask } = setup(2, 10_000);
    await Promise.all(ask('first', call(), 2));
    clock.advance(4_000);
    const waits: number[] = [];
    const release = await scheduler.acquire({
      call: call(),
      endpoint: 'GET /api/Tickets',
      deadline: clock.now() + 45_000,
      onQueued: (ms) => waits.push(ms),
    });
    release();
    expect(waits).toEqual([6_000]);
    expect(clock.sleeps).toEqual([6_000]);
    expect(scheduler.windowWaits).toBe(1);
  });

  it('refuses at once, without waiting, when the next slot comes after the deadline', async () => {
    const { clock, scheduler, ask } = setup(2, 300_000);
    await Promise.all(ask('first', call(), 2));
    clock.advance(10_000);
    const error = await scheduler
      .acquire({ call: call(), endpoint: 'GET /api/Client', deadline: clock.now() + 45_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HALO_RATE_LIMITED', status: 0, retryAfterSeconds: 290 });
    expect((error as Error).message).toContain('(2 of 2 used in the last 300 s; next slot in 290 s)');
    expect(clock.sleeps).toEqual([]);
  });

  it("names the demo's limit when the demo paces", async () => {
    const clock = manualClock();
    const scheduler = new BudgetScheduler({
      limit: 1,
      windowMs: 300_000,
      maxConcurrency: 1,
      store: new MemoryBudgetStore(),
      now: clock.now,
      sleep: clock.sleep,
      limitName: DEMO_PACING.name,
    });
    const deadline = clock.now() + 45_000;
    (await scheduler.acquire({ call: call(), endpoint: 'GET /api/Tickets', deadline }))();
    const error = await scheduler
      .acquire({ call: call(), endpoint: 'GET /api/Tickets', deadline })
      .catch((e) => e);
    expect((error as Error).message).toBe(
      "This server is pacing requests to stay under the limit of the demo's simulated Halo, 700 per 5 minutes like a generous Halo plan (1 of 1 used in the last 300 s; next slot in 300 s). Halo itself refused nothing.",
    );
  });

  it('drops a cancelled request from the queue without granting it', async () => {
    const { scheduler, granted, ask } = setup(1, 60_000);
    await Promise.all(ask('first', call(), 1));
    const controller = new AbortController();
    const waiting = scheduler.acquire({
      call: call(),
      endpoint: 'GET /api/Tickets',
      deadline: Number.MAX_SAFE_INTEGER,
      signal: controller.signal,
    });
    controller.abort(new Error('cancelled by the caller'));
    await expect(waiting).rejects.toThrow('cancelled by the caller');
    expect(granted).toEqual(['first']);
  });
});

describe('in-memory budget store', () => {
  it('takes up to the cap inside the window, counts per identity, and forgets sends that left it', async () => {
    const store = new MemoryBudgetStore();
    expect(await store.take('alice', 1_000, 10_000, 2)).toBe(true);
    expect(await store.take('bob', 2_000, 10_000, 2)).toBe(true);
    expect(await store.take('bob', 3_000, 10_000, 2)).toBe(false);
    expect(await store.view(3_000, 10_000)).toEqual({
      sends: [1_000, 2_000],
      byIdentity: new Map([
        ['alice', 1],
        ['bob', 1],
      ]),
    });
    // At 11 s the send made at 1 s has left the 10 s window.
    expect(await store.take('bob', 11_000, 10_000, 2)).toBe(true);
    expect(await store.view(11_000, 10_000)).toEqual({
      sends: [2_000, 11_000],
      byIdentity: new Map([['bob', 2]]),
    });
  });
});
