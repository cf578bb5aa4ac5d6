import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/server.js';
import type { App } from '../../src/server/app.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';
import { type HttpApp, startHttpApp } from '../helpers/http-app.js';
import { MODERN } from './harness.js';

// Progress, cancellation and the time limit on the portfolio revenue of the `large` tenant (some
// 400 invoice pages): the calls that read the most pages of Halo there are.

const LATENCY_MS = 25;
const CONCURRENCY = 4;

let halo: TestHalo;
let app: App;
let http: RunningHttpServer;
let served: HttpApp;

beforeAll(async () => {
  halo = await startTestHalo({
    dataset: generateDataset({ size: 'large', seed: 5, today: '2026-11-24' }),
    client: { maxConcurrency: CONCURRENCY, maxListRecords: 100_000 },
  });
  served = await startHttpApp(halo);
  app = served.app;
  http = served.http;
}, 60_000);

afterEach(() => halo.sim.faults.setLatency(0));

afterAll(async () => {
  await served?.close();
  await halo?.stop();
});

const sent = () => halo.sim.log.apiRequests().length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, boundMs = 30_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

async function inMemoryClient(server = () => app.createMcpServer(), legacy = false) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const served = serveStdio(server, { transport: serverSide });
  const client = new Client(
    { name: 'progress-test', version: '1.0.0' },
    legacy ? {} : { versionNegotiation: MODERN },
  );
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await served.close();
    },
  };
}

/** After the caller went away: what reached Halo, once everything in flight has landed. */
async function sentAfterSettling(): Promise<number> {
  let before = -1;
  while (before !== sent()) {
    before = sent();
    await sleep(LATENCY_MS * 8);
  }
  return sent();
}

describe('progress', () => {
  // The whole portfolio at 2026-07-28; at 2025-11-25 its last quarter, a quarter of the pages.
  it.each([
    ['2026-07-28', false, {}],
    ['2025-11-25', true, { from: '2026-08-25' }],
  ])(
    'reports pages read of pages needed on the portfolio revenue (%s)',
    async (_era, legacy, args) => {
      halo.sim.log.reset();
      // However slow this machine is, the whole call must be seen: no time limit here.
      const unhurried = () => createMcpServer({ yoga: app.yoga, callTimeLimitMs: 600_000 });
      const { client, close } = await inMemoryClient(unhurried, legacy);
      const updates: Array<{ progress: number; total?: number; message?: string }> = [];
      try {
        const result = await client.callTool(
          { name: 'revenue_breakdown', arguments: args },
          { onprogress: (p) => updates.push(p), timeout: 300_000 },
        );
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      } finally {
        await close();
      }
      const invoicePages = halo.sim.log.apiRequests().filter((r) => r.path === '/api/Invoice').length;
      expect(invoicePages).toBeGreaterThan(50);
      expect(updates.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < updates.length; i++) {
        expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
      }
      for (const u of updates) expect(u.total ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(u.progress);
      // Progress counts every GET of the call, never more than were sent.
      expect(updates.at(-1)!.progress).toBeLessThanOrEqual(sent());
      const last = updates.at(-1)!;
      expect(last.message).toMatch(/^read \d+ of \d+ invoice pages/);
      const [, read, of] = /^read (\d+) of (\d+) invoice pages/.exec(last.message!)!;
      // The largest walk is the invoices of the period (other invoice reads are one page each).
      expect(Number(of)).toBeLessThanOrEqual(invoicePages);
      expect(Number(of)).toBeGreaterThan(invoicePages * 0.95);
      expect(Number(read)).toBeLessThanOrEqual(invoicePages);
    },
    300_000,
  );

  it('sends no progress for a quick call of one round of reads', async () => {
    const { client, close } = await inMemoryClient();
    const updates: unknown[] = [];
    try {
      await client.callTool(
        { name: 'get_client', arguments: { client_id: 2 } },
        { onprogress: (p) => updates.push(p) },
      );
    } finally {
      await close();
    }
    expect(updates).toEqual([]);
  });
});

describe('cancellation', () => {
  it('stops the portfolio within one in-flight round after notifications/cancelled', async () => {
    halo.sim.faults.setLatency(LATENCY_MS);
    halo.sim.log.reset();
    const statsBefore = app.halo.stats().requestsSent;
    const { client, close } = await inMemoryClient();
    const abort = new AbortController();
    const call = client.callTool(
      { name: 'revenue_breakdown', arguments: {} },
      { signal: abort.signal, timeout: 60_000 },
    );
    try {
      await until(() => sent() >= 20);
      const atCancel = sent();
      abort.abort('user pressed stop');
      await expect(call).rejects.toThrow();
      const final = await sentAfterSettling();
      expect(final - atCancel).toBeLessThanOrEqual(CONCURRENCY);
      // The client's own count agrees: the budget the rest of the walk would have used is left.
      expect(app.halo.stats().requestsSent - statsBefore).toBe(final);
      expect(final).toBeLessThan(100);
    } finally {
      await close();
    }
  }, 60_000);

  it.each([
    ['2026-07-28', true],
    ['2025-11-25', false],
  ])(
    'stops the portfolio when the HTTP client disconnects (%s)',
    async (_era, modern) => {
      halo.sim.faults.setLatency(LATENCY_MS);
      halo.sim.log.reset();
      const envelope = {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'disconnect-test', version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': {},
      };
      const abort = new AbortController();
      const params = { name: 'revenue_breakdown', arguments: {}, ...(modern ? { _meta: envelope } : {}) };
      const response = fetch(`${http.url}/mcp`, {
        method: 'POST',
        signal: abort.signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': modern ? '2026-07-28' : '2025-11-25',
          ...(modern ? { 'mcp-method': 'tools/call', 'mcp-name': 'revenue_breakdown' } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }),
      }).then((r) => r.text());
      await until(() => sent() >= 20);
      const atDisconnect = sent();
      abort.abort();
      await expect(response).rejects.toThrow();
      const final = await sentAfterSettling();
      expect(final - atDisconnect).toBeLessThanOrEqual(CONCURRENCY);
      expect(final).toBeLessThan(100);
    },
    60_000,
  );
});

describe('time limit', () => {
  it('stops a call that cannot finish in time early, saying what to narrow', async () => {
    halo.sim.faults.setLatency(LATENCY_MS);
    halo.sim.log.reset();
    // 400 pages at 25 ms, four at a time, need 2.5 s at the very least: far over a 1 s limit.
    const { client, close } = await inMemoryClient(() =>
      createMcpServer({ yoga: app.yoga, callTimeLimitMs: 1_000 }),
    );
    try {
      const result = await client.callTool({ name: 'revenue_breakdown', arguments: {} });
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text).toMatch(/would need about \d+ more Halo pages .* so it was stopped early/);
      expect(text).toMatch(
        /Narrow it: a shorter period \(from, to\), or one client \(client_id or client\)\.$/,
      );
    } finally {
      await close();
    }
    const final = await sentAfterSettling();
    expect(final).toBeLessThan(100);
  }, 60_000);
});
