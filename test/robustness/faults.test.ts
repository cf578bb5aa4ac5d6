import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { manualClock } from '../helpers/clock.js';
import {
  connectMcp,
  expectCleanRun,
  type McpStack,
  robustnessDataset,
  type StackOptions,
  startSim,
  type ToolCall,
  within,
} from './harness.js';

// Faults injected by the simulator while tools run, through a real MCP client. Every call must end
// in a result (never a protocol error), within a stated bound, after an exact number of upstream
// requests; and nothing but GETs reach /api, and no secret reaches a result or a log line.

/** Generous bound on a call whose waits are all a few ms (real clock) or simulated (manual clock). */
const CALL_BOUND_MS = 3_000;
const RATE_LIMITED =
  /^Halo answered 429: its rate limit is reached; wait (\d+) seconds before calling again\.$/;
const UNAVAILABLE = /^Halo is not answering right now; try again in a minute\. \(/;

let sim: RunningSimulator;
let stack: McpStack | undefined;

beforeAll(async () => {
  sim = await startSim();
});
afterEach(async () => {
  if (stack) expectCleanRun(sim, stack);
  await stack?.close();
  stack = undefined;
  sim.faults.clear();
  sim.log.reset();
});
afterAll(() => sim.stop());

async function connect(options: StackOptions = {}): Promise<McpStack> {
  stack = await connectMcp(sim, options);
  return stack;
}

/** A client whose waits are simulated: backoff 1 s, 2 s, 4 s... exactly (jitter pinned). */
async function clocked(config: StackOptions['config'] = {}) {
  const clock = manualClock();
  const mcp = await connect({
    config: { maxRetries: 3, retryBudgetMs: 60_000, ...config },
    clientOptions: {
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1,
      backoff: { baseDelayMs: 1000, maxDelayMs: 30_000 },
    },
  });
  return { clock, mcp };
}

const reports = (mcp: McpStack) => within(CALL_BOUND_MS, mcp.call('list_reports'));
const apiCount = () => sim.log.apiRequests().length;

/** The call failed as "Halo is not answering", with `detail` in the text, after `requests` attempts. */
function expectUnavailable(call: ToolCall, detail: string | RegExp, requests: number): void {
  expect(call.result.isError).toBe(true);
  expect(call.text).toMatch(UNAVAILABLE);
  expect(call.text).toMatch(detail);
  expect(apiCount()).toBe(requests);
}

/** Detail reads get_contract adds: its templates whose list rows lack `schedule`. */
function scheduleDetailReads(data: RunningSimulator['data'], contractId: number): number {
  return data.recurringInvoices.filter(
    (r) => r.contract_id === contractId && data.scheduleOnDetailOnly?.includes(r.id),
  ).length;
}

describe('429 storms', () => {
  it('waits exactly Retry-After between attempts, then gives up after maxRetries saying how long to wait', async () => {
    const { clock, mcp } = await clocked();
    sim.faults.failNext(50, 429, { retryAfterSeconds: 5 });
    const { result, text } = await reports(mcp);
    expect(result.isError).toBe(true);
    expect(text).toBe('Halo answered 429: its rate limit is reached; wait 5 seconds before calling again.');
    expect(apiCount()).toBe(4);
    expect(clock.sleeps).toEqual([5000, 5000, 5000]);
  });

  it('fails fast, without waiting, when Retry-After is longer than the retry budget', async () => {
    const { clock, mcp } = await clocked();
    sim.faults.failNext(50, 429, { retryAfterSeconds: 600 });
    const { text } = await reports(mcp);
    expect(text).toBe('Halo answered 429: its rate limit is reached; wait 600 seconds before calling again.');
    expect(apiCount()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('backs off exponentially without Retry-After, bounded by maxRetries', async () => {
    const { clock, mcp } = await clocked();
    sim.faults.failNext(50, 429);
    const { result, text } = await reports(mcp);
    expect(result.isError).toBe(true);
    expect(text).toMatch(RATE_LIMITED);
    expect(apiCount()).toBe(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('rides out a short storm and answers', async () => {
    const { mcp } = await clocked();
    sim.faults.failNext(2, 429);
    const { result, data } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(data.reports.totalCount).toBe(sim.data.reports.length);
    expect(apiCount()).toBe(3);
  });
});

describe('5xx bursts', () => {
  it('retries 502, 503 and 504 and answers', async () => {
    const mcp = await connect();
    sim.faults.failNext(1, 502);
    sim.faults.failNext(1, 503);
    sim.faults.failNext(1, 504);
    const { result } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(sim.log.apiRequests().map((e) => e.status)).toEqual([502, 503, 504, 200]);
  });

  it('retries a 500 once, then says so', async () => {
    const mcp = await connect();
    sim.faults.failNext(5, 500);
    expectUnavailable(await reports(mcp), '(500)', 2);
  });

  it('retries each request of a multi-request tool on its own', async () => {
    const mcp = await connect();
    const contract = sim.data.contracts[0]!;
    // get_contract reads the contract and the templates that bill it (its client and site are named
    // by the contract row): the templates read fails twice and is retried alone.
    sim.faults.failNext(2, 503, { pathPrefix: '/api/RecurringInvoice' });
    const { result, data } = await within(
      CALL_BOUND_MS,
      mcp.call('get_contract', { contract_id: contract.id }),
    );
    expect(result.isError).toBeFalsy();
    expect(data.contract.id).toBe(contract.id);
    // Plus one detail read per template whose list row lacks its schedule (docs/halo-api.md §8.4).
    const details = scheduleDetailReads(sim.data, contract.id);
    expect(sim.log.count('/api/RecurringInvoice')).toBe(3 + details);
    expect(sim.log.count('/api/ClientContract')).toBe(1);
    expect(apiCount()).toBe(4 + details);
  });
});

describe('slow responses', () => {
  const slow: StackOptions['config'] = { requestTimeoutMs: 150, maxRetries: 2 };

  it('abandons a hung request at the timeout and retries it', async () => {
    const mcp = await connect({ config: slow });
    sim.faults.hangNext(1, 5_000);
    const { result } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(apiCount()).toBe(2);
  });

  it('gives up on a Halo that never answers after maxRetries + 1 timeouts, naming the timeout', async () => {
    const mcp = await connect({ config: slow });
    sim.faults.hangNext(10, 5_000);
    // 3 attempts of 150 ms plus two backoffs of at most 10 ms; a single unabandoned hang would take 5 s.
    const call = await within(3_000, mcp.call('list_reports'));
    expectUnavailable(call, /did not answer GET \/api\/Report\?[a-z_&]+ within 150 ms/, 3);
  });
});

describe('token expiry', () => {
  it('fetches a new token once when Halo drops the old one, and answers', async () => {
    const mcp = await connect();
    await reports(mcp);
    sim.log.reset();
    sim.faults.expireTokens();
    const { result } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(sim.log.apiRequests().map((e) => e.status)).toEqual([401, 200]);
    expect(sim.log.count('/auth/token')).toBe(1);
  });

  it('refreshes once only: a second 401 is a permission problem, reported as one', async () => {
    const mcp = await connect();
    sim.faults.failNext(2, 401);
    const { result, text } = await reports(mcp);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/refused the credentials for GET \/api\/Report.*permission/);
    expect(text).toContain('read:reporting');
    expect(apiCount()).toBe(2);
    expect(sim.log.count('/auth/token')).toBe(2);
  });

  it('retries a token endpoint that fails with 503', async () => {
    const mcp = await connect();
    sim.faults.failNext(1, 503, { pathPrefix: '/auth/token' });
    const { result } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(sim.log.count('/auth/token')).toBe(2);
  });

  it('names the settings to check when Halo refuses the client secret, without showing it', async () => {
    const wrongSecret = 'wrong-secret-7c1e9a4b';
    const mcp = await connect({ config: { clientSecret: wrongSecret } });
    const { result, text } = await reports(mcp);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/rejected the API client credentials.*Check HALO_CLIENT_ID and HALO_CLIENT_SECRET/);
    expect(apiCount()).toBe(0);
    for (const output of [text, ...mcp.observed.logs]) expect(output).not.toContain(wrongSecret);
  });
});

describe('malformed answers and dropped connections', () => {
  it('reports malformed JSON at once: a well-formed but broken answer is not retried', async () => {
    const mcp = await connect();
    sim.faults.malformedNext(1);
    expectUnavailable(await reports(mcp), 'malformed JSON', 1);
  });

  it('retries connections reset before an answer', async () => {
    const mcp = await connect();
    sim.faults.resetNext(2);
    const { result } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(sim.log.apiRequests().map((e) => e.fault ?? 'ok')).toEqual(['reset', 'reset', 'ok']);
  });

  it('gives up after maxRetries resets, saying Halo could not be reached', async () => {
    const mcp = await connect();
    sim.faults.resetNext(20);
    expectUnavailable(await reports(mcp), /Could not reach Halo for GET \/api\/Report/, 4);
  });

  it('still answers normally on the same connection after every fault above', async () => {
    const mcp = await connect();
    const { result, data } = await reports(mcp);
    expect(result.isError).toBeFalsy();
    expect(data.reports.totalCount).toBe(sim.data.reports.length);
  });
});

describe('faults between the pages of a multi-page read', () => {
  // The portfolio breakdown reads every invoice: 12 pages of 100 on the demo data, read one at a
  // time here so the fault lands on a known page.
  let demo: RunningSimulator;
  let clean: { paths: string[]; data: unknown };
  beforeAll(async () => {
    demo = await startSim({ dataset: robustnessDataset('demo') });
    const first = await connectMcp(demo, { config: { maxConcurrency: 1 } });
    const { data } = await first.call('revenue_breakdown');
    clean = { paths: demo.log.apiRequests().map(pageOf), data };
    await first.close();
    demo.log.reset();
  });
  afterEach(() => {
    demo.faults.clear();
    demo.log.reset();
  });
  afterAll(() => demo.stop());

  function pageOf(entry: { path: string; query: Record<string, unknown> }): string {
    return entry.query.page_no ? `${entry.path}#${entry.query.page_no}` : entry.path;
  }

  /** A stack that runs `fault` once, just before the request for page `pageNo` of the invoices leaves. */
  function faultOnInvoicePage(pageNo: number, fault: () => void) {
    let done = false;
    return connectMcp(demo, {
      config: { maxConcurrency: 1 },
      beforeRequest: (url) => {
        if (done || url.pathname !== '/api/Invoice' || url.searchParams.get('page_no') !== String(pageNo))
          return;
        done = true;
        fault();
      },
    });
  }

  it('walks on with a new token when the token expires between pages, giving the same answer', async () => {
    expect(clean.paths.filter((p) => p.startsWith('/api/Invoice#')).length).toBeGreaterThan(3);
    const mcp = await faultOnInvoicePage(2, () => demo.faults.expireTokens());
    try {
      const { result, data } = await within(CALL_BOUND_MS, mcp.call('revenue_breakdown'));
      expect(result.isError).toBeFalsy();
      expect(data).toEqual(clean.data);
      const refused = demo.log.apiRequests().filter((e) => e.status === 401);
      expect(refused.map(pageOf)).toEqual(['/api/Invoice#2']);
      expect(demo.log.apiRequests().length).toBe(clean.paths.length + 1);
      expect(demo.log.count('/auth/token')).toBe(2);
      expectCleanRun(demo, mcp);
    } finally {
      await mcp.close();
    }
  });

  it('retries a page that fails mid-walk without losing or repeating rows', async () => {
    const mcp = await faultOnInvoicePage(3, () => demo.faults.failNext(1, 503));
    try {
      const { result, data } = await within(CALL_BOUND_MS, mcp.call('revenue_breakdown'));
      expect(result.isError).toBeFalsy();
      expect(data).toEqual(clean.data);
      expect(
        demo.log
          .apiRequests()
          .filter((e) => e.status === 503)
          .map(pageOf),
      ).toEqual(['/api/Invoice#3']);
      expect(demo.log.apiRequests().length).toBe(clean.paths.length + 1);
      expectCleanRun(demo, mcp);
    } finally {
      await mcp.close();
    }
  });
});

/** Refused by this server's own pacing (the window, or the calls queued ahead, fill the next 60 s). */
const PACED_60_S =
  /^This server is pacing requests to stay under Halo's limit \(\d+ of 20 used in the last 60 s(, \d+ more queued ahead)?; next slot in 60 s\)\. Halo itself refused nothing\. Call again in 60 seconds, or ask for less\.$/;

describe('the client-side rate limiter under a burst of tool calls', () => {
  // get_contract needs 2 requests (contract, templates; its client and site are named by the
  // contract row), plus a detail read per template whose list row lacks its schedule: 20 at once,
  // on 20 distinct contracts, need 40 and those details. The client allows 20 per 60 s; the simulator enforces the
  // same window on the same clock, so one request too many would show up as a 429 in its log.
  const WINDOW = { requests: 20, windowMs: 60_000 };
  let limited: RunningSimulator;
  const clock = manualClock();
  beforeAll(async () => {
    // The demo dataset has 20+ contracts: identical reads in flight at once would be merged.
    limited = await startSim({ dataset: robustnessDataset('demo'), rateLimit: WINDOW, now: clock.now });
  });
  afterAll(() => limited.stop());

  const burst = (mcp: McpStack) => {
    const contracts = limited.data.contracts;
    return within(
      CALL_BOUND_MS,
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          mcp.call('get_contract', { contract_id: contracts[i % contracts.length]!.id }),
        ),
      ),
    );
  };

  it('fails the calls it cannot serve fast, with the wait, when the window would not free within the budget', async () => {
    const mcp = await connectMcp(limited, {
      config: { rateLimit: WINDOW, retryBudgetMs: 5_000 },
      clientOptions: { now: clock.now, sleep: clock.sleep },
    });
    try {
      const calls = await burst(mcp);
      const failed = calls.filter((c) => c.result.isError);
      expect(limited.log.apiRequests()).toHaveLength(20);
      expect(limited.log.apiRequests().filter((e) => e.status === 429)).toEqual([]);
      // 20 requests serve at most 10 calls of 2; the others learn to wait out the window.
      expect(failed.length).toBeGreaterThanOrEqual(10);
      for (const call of failed) expect(call.text).toMatch(PACED_60_S);
      for (const call of calls.filter((c) => !c.result.isError))
        expect(call.data.contract.id).toBeGreaterThan(0);
      expect(clock.sleeps).toEqual([]);
      expectCleanRun(limited, mcp);
    } finally {
      await mcp.close();
      limited.faults.clear();
      limited.log.reset();
    }
  });

  it('makes the calls wait for the window when the budget allows, never exceeding it', async () => {
    clock.advance(WINDOW.windowMs);
    // One request in flight at a time, so the clock only moves while nothing is on the wire and the
    // simulator's arrival times are the client's send times.
    const mcp = await connectMcp(limited, {
      config: { rateLimit: WINDOW, retryBudgetMs: 120_000, maxConcurrency: 1 },
      clientOptions: { now: clock.now, sleep: clock.sleep },
    });
    try {
      const calls = await burst(mcp);
      expect(calls.filter((c) => c.result.isError).map((c) => c.text)).toEqual([]);
      const arrivals = limited.log.apiRequests().map((e) => e.at);
      const details = Array.from({ length: 20 }, (_, i) =>
        scheduleDetailReads(limited.data, limited.data.contracts[i % limited.data.contracts.length]!.id),
      ).reduce((a, b) => a + b, 0);
      // 40 reads, plus the template details (batched when one contract has several of them).
      expect(arrivals.length).toBeGreaterThanOrEqual(40);
      expect(arrivals.length).toBeLessThanOrEqual(40 + details);
      expect(limited.log.apiRequests().filter((e) => e.status === 429)).toEqual([]);
      for (let i = WINDOW.requests; i < arrivals.length; i++) {
        expect(arrivals[i]! - arrivals[i - WINDOW.requests]!).toBeGreaterThanOrEqual(WINDOW.windowMs);
      }
      expect(mcp.client.stats()).toMatchObject({ requestsSent: arrivals.length, rateLimited: 0 });
      expect(mcp.client.stats().limiterWaits).toBeGreaterThan(0);
      expectCleanRun(limited, mcp);
    } finally {
      await mcp.close();
    }
  });
});
