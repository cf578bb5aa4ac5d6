import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHaloClient } from '../../src/halo/client.js';
import { HaloApiError } from '../../src/halo/errors.js';
import { silentLogger } from '../../src/log.js';
import { DEMO_PACING, startDemoHalo } from '../../src/server/demo.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { FAST_BACKOFF, testHaloConfig } from '../helpers/halo.js';
import { connectMcp, expectCleanRun, robustnessDataset, startSim, within } from './harness.js';
import { connectClients } from './many-clients.js';

// Findings 3, 5, 6 and 7 of issue 11, against real HTTP on loopback: identical concurrent reads
// merged, a cold hang bounded by the call's budget, a 300 MB answer refused while streaming, and
// messages that blame the right party (Halo's 429, this server's pacing, the demo's limit).

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ dataset: robustnessDataset('demo') });
});
afterEach(() => {
  sim.faults.clear();
  sim.log.reset();
});
afterAll(() => sim.stop());

const requestKey = (e: { path: string; query: Record<string, unknown> }) =>
  `${e.path}?${JSON.stringify(e.query)}`;

describe('identical concurrent calls', () => {
  it('answer 50 identical get_client calls with one upstream read per distinct GET', async () => {
    // 100 ms per request, so all 50 calls are in flight together however the machine schedules them.
    sim.faults.setLatency(100);
    const clients = await connectClients(sim, 50);
    try {
      const clientId = sim.data.clients[3]!.id;
      const calls = await within(
        20_000,
        Promise.all(
          Array.from({ length: 50 }, (_, i) => clients.call(i, 'get_client', { client_id: clientId })),
        ),
      );
      expect(calls.filter((c) => c.result.isError).map((c) => c.text)).toEqual([]);
      expect(new Set(calls.map((c) => c.text)).size).toBe(1);
      const requests = sim.log.apiRequests();
      const distinct = new Set(requests.map(requestKey));
      // One read per distinct GET (the client, its sites, contracts and the reference lists it names).
      expect(requests).toHaveLength(distinct.size);
      expect(requests.length).toBeLessThanOrEqual(5);
      // The reference list is shared by the reference cache itself; the other reads are merged here.
      expect(clients.client.stats().mergedReads).toBeGreaterThanOrEqual(49 * (requests.length - 1));
      expect(sim.log.count('/auth/token')).toBe(1);
    } finally {
      await clients.close();
    }
  });

  it("never answers one identity's read with another's", async () => {
    sim.faults.setLatency(100);
    const clients = await connectClients(sim, 1);
    try {
      const alice = clients.client.forCall({ identity: 'agent:alice' });
      const bob = clients.client.forCall({ identity: 'agent:bob' });
      const id = sim.data.clients[0]!.id;
      await Promise.all([
        alice.getOne('clients', id),
        bob.getOne('clients', id),
        alice.getOne('clients', id),
      ]);
      expect(sim.log.apiRequests().map((e) => e.path)).toEqual([`/api/Client/${id}`, `/api/Client/${id}`]);
      expect(clients.client.stats().mergedReads).toBe(1);
    } finally {
      await clients.close();
    }
  });
  it('still answers a caller whose shared read was cancelled by the caller that started it', async () => {
    const clients = await connectClients(sim, 1);
    try {
      const controller = new AbortController();
      const starter = clients.client.forCall({ identity: 'agent:alice', signal: controller.signal });
      const joiner = clients.client.forCall({ identity: 'agent:alice' });
      const id = sim.data.clients[0]!.id;
      const first = starter.getOne('clients', id);
      const second = joiner.getOne('clients', id);
      controller.abort();
      await expect(first).rejects.toMatchObject({ name: 'AbortError' });
      await expect(second).resolves.toMatchObject({ id });
      expect(sim.log.apiRequests().map((e) => e.path)).toEqual([`/api/Client/${id}`]);
    } finally {
      await clients.close();
    }
  });
});

describe('a cold hang', () => {
  // The default per-request timeout (30 s) and a call budget of 3 s: the budget must win.
  const bounded = { requestTimeoutMs: 30_000, retryBudgetMs: 3_000, maxRetries: 4 };

  it('answers within the call budget when the token endpoint hangs', async () => {
    sim.faults.hangNext(10, 60_000, { pathPrefix: '/auth' });
    const stack = await connectMcp(sim, { config: bounded });
    try {
      const { result, text } = await within(6_000, stack.call('list_clients'));
      expect(result.isError).toBe(true);
      expect(text).toMatch(/did not answer POST \/auth\/token within \d+ ms/);
      expect(sim.log.count('/auth/token')).toBe(1);
      expect(sim.log.apiRequests()).toEqual([]);
      expectCleanRun(sim, stack);
    } finally {
      await stack.close();
    }
  });

  it('answers within the call budget when Halo hangs after the token', async () => {
    sim.faults.hangNext(10, 60_000);
    const stack = await connectMcp(sim, { config: bounded });
    try {
      const { result, text } = await within(6_000, stack.call('list_clients'));
      expect(result.isError).toBe(true);
      expect(text).toMatch(/did not answer GET \/api\/Client\S* within \d+ ms/);
      expect(sim.log.apiRequests()).toHaveLength(1);
    } finally {
      await stack.close();
    }
  });
});

describe('an oversized upstream answer', () => {
  const MB = 1024 * 1024;
  const TOTAL = 300 * MB;
  let server: Server;
  let url: string;
  let sent = 0;
  let declareLength = false;

  beforeAll(async () => {
    // A Halo stand-in whose client record carries a 300 MB field, written only as fast as it is read.
    server = createServer((req, res) => {
      if (req.url?.startsWith('/auth/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'big-body-token-0123456789', expires_in: 3600 }));
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(declareLength ? { 'content-length': String(TOTAL) } : {}),
      });
      const chunk = Buffer.alloc(MB, 'x');
      res.write('{"id":1,"name":"');
      sent = 0;
      const pump = () => {
        while (sent < TOTAL - 2 * MB) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"}');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const bigHalo = () =>
    createHaloClient(
      testHaloConfig({ url, authUrl: `${url}/auth`, clientId: 'c', clientSecret: 's', tenant: undefined }),
      { backoff: FAST_BACKOFF },
    );

  it('is cut off at the 20 MB cap while streaming, with memory bounded', async () => {
    declareLength = false;
    const before = process.memoryUsage();
    const error = await within(20_000, bigHalo().getOne('clients', 1)).catch((e: unknown) => e);
    const after = process.memoryUsage();
    expect(error).toBeInstanceOf(HaloApiError);
    expect(error).toMatchObject({ code: 'HALO_BAD_RESPONSE', endpoint: 'GET /api/Client/1' });
    expect((error as Error).message).toBe(
      "Halo's answer to GET /api/Client/1 is too large (more than the 20 MB cap, HALO_MAX_RESPONSE_BYTES); ask for less, e.g. a smaller page or a narrower filter.",
    );
    // The stand-in stopped writing soon after the cap: nowhere near the 300 MB.
    expect(sent).toBeLessThan(80 * MB);
    const grewMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB;
    expect(grewMb).toBeLessThan(150);
  });

  it('is refused before reading when its declared length is over the cap', async () => {
    declareLength = true;
    const error = await within(20_000, bigHalo().getOne('clients', 1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HALO_BAD_RESPONSE' });
    expect((error as Error).message).toContain('is too large (300 MB, over the 20 MB cap');
    expect(sent).toBeLessThan(80 * MB);
  });
});

describe('who refused', () => {
  it("says Halo answered 429 when Halo did, and says this server's pacing when it was ours", async () => {
    sim.faults.failNext(10, 429, { retryAfterSeconds: 120 });
    const halo = await connectMcp(sim, { config: { maxRetries: 0 } });
    const paced = await connectMcp(sim, { config: { rateLimit: { requests: 1, windowMs: 300_000 } } });
    try {
      expect((await halo.call('list_clients')).text).toBe(
        'Halo answered 429: its rate limit is reached; wait 120 seconds before calling again.',
      );
      sim.faults.clear();
      expect((await paced.call('list_clients')).result.isError).toBeFalsy();
      expect((await paced.call('list_tickets')).text).toBe(
        "This server is pacing requests to stay under Halo's limit (1 of 1 used in the last 300 s; next slot in 300 s). Halo itself refused nothing. Call again in 300 seconds, or ask for less.",
      );
      expect(sim.log.apiRequests().map((e) => e.status)).toEqual([429, 200]);
    } finally {
      await halo.close();
      await paced.close();
    }
  });

  it('paces the demo like a generous Halo: the 7th list_actions answers, and the demo says it is one', async () => {
    const config = loadConfig({ HALO_DEMO: '1' });
    const demo = await startDemoHalo(config, silentLogger, { today: '2026-11-24', seed: 11 });
    try {
      expect(demo.halo.rateLimit).toEqual(DEMO_PACING);
      const stack = await connectClients(
        {
          url: demo.halo.instanceUrl,
          authUrl: demo.halo.authUrl,
          clientId: demo.halo.clientId,
          clientSecret: demo.halo.clientSecret,
          tenant: undefined,
          data: { today: '2026-11-24' } as RunningSimulator['data'],
        },
        1,
        { config: { ...demo.halo, requestTimeoutMs: 30_000 } },
      );
      try {
        const ids = sim.data.clients.slice(0, 7).map((c) => c.id);
        for (const id of ids) {
          const { result, text } = await stack.call(0, 'list_actions', { client_id: id });
          expect(result.isError, text).toBeFalsy();
        }
        const perCall = stack.calls.map((c) => c.reads);
        expect(perCall.reduce((a, b) => a + b, 0)).toBeGreaterThan(250); // past the old default pacing
      } finally {
        await stack.close();
      }
    } finally {
      await demo.stop?.();
    }
  });
});
