import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { createRevenueGuard } from '../../src/doctor/revenue-guard.js';
import { createHaloClient } from '../../src/halo/client.js';
import { silentLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { testHaloConfig } from '../helpers/halo.js';
import { startDoctorHalo } from './harness.js';

/** The server as a user runs it against their own Halo (not the demo), driven by a real MCP client. */
async function serverOn(sim: RunningSimulator): Promise<{ app: App; mcp: Client; close(): Promise<void> }> {
  const config: AppConfig = {
    // No reference caching, so two identical calls cost the same but for the guard.
    halo: testHaloConfig(sim, { referenceTtlMs: 0 }),
    server: { host: '127.0.0.1', port: 0, allowedOrigins: [] },
    demo: false,
    logLevel: 'error',
  };
  const app = await createApp(config, {
    logger: silentLogger,
    source: async (c) => ({ halo: c.halo, today: () => sim.data.today }),
  });
  const server = app.createMcpServer();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'guard-test', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  return {
    app,
    mcp,
    async close() {
      await mcp.close();
      await server.close();
      await app.close();
    },
  };
}

const portfolioWarnings = async (mcp: Client): Promise<string[]> => {
  const result = (await mcp.callTool({ name: 'revenue_breakdown', arguments: {} })) as CallToolResult;
  expect(result.isError).toBeFalsy();
  const data = result.structuredContent as { revenueBreakdown: { portfolio: { warnings: string[] } } };
  return data.revenueBreakdown.portfolio.warnings;
};

describe('the server checks Halo lazily on the first revenue call', () => {
  let sim: RunningSimulator;
  let server: Awaited<ReturnType<typeof serverOn>>;
  beforeAll(async () => {
    sim = await startDoctorHalo({ variant: 'different-halo' });
    server = await serverOn(sim);
  });
  afterAll(async () => {
    await server.close();
    await sim.stop();
  });

  it('puts a loud warning into revenue answers for each DIFFERS that touches them, and checks only once', async () => {
    sim.log.reset();
    const first = await portfolioWarnings(server.mcp);
    const firstReads = sim.log.apiRequests().length;
    const loud = first.filter((w) => w.startsWith('WARNING: this Halo differs'));
    expect(loud.map((w) => /\(([^;]+);/.exec(w)?.[1])).toEqual(
      expect.arrayContaining([
        'Recurring invoice template ids are negative',
        'Template schedule (period and every-N) is readable',
        'Invoice include flags (includeinvoices, includecredits, includepoinvoices) are honoured',
        'GET /api/ClientContract list shape and paging',
      ]),
    );
    expect(loud.every((w) => w.endsWith('Run halo-psa-mcp doctor for the full report.'))).toBe(true);

    sim.log.reset();
    const second = await portfolioWarnings(server.mcp);
    expect(second.filter((w) => w.startsWith('WARNING:'))).toEqual(loud);
    // The guard's own reads, on the first call only: template list and detail, invoice sample and
    // count, contract list and detail.
    expect(firstReads - sim.log.apiRequests().length).toBe(6);
  });
});

describe('the revenue guard', () => {
  it('does not remember a run that could not read Halo, and remembers the next one', async () => {
    const sim = await startDoctorHalo({ variant: 'different-halo' });
    const client = createHaloClient(testHaloConfig(sim, { maxRetries: 0 }));
    try {
      const guard = createRevenueGuard();
      sim.faults.failNext(1, 503, { pathPrefix: '/api/RecurringInvoice' });
      const first = await guard(client);
      expect(first.some((w) => w.includes('Recurring invoice template ids'))).toBe(false);
      const second = await guard(client);
      expect(second.some((w) => w.includes('Recurring invoice template ids are negative'))).toBe(true);
      sim.log.reset();
      expect(await guard(client)).toEqual(second);
      expect(sim.log.apiRequests()).toHaveLength(0);
    } finally {
      client.close();
      await sim.stop();
    }
  });
});
