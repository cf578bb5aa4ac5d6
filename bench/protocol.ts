import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InMemoryTransport, Client as V2Client } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2StdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createReferenceCache } from '../src/graphql/reference-cache.js';
import { createHaloYoga } from '../src/graphql/yoga.js';
import type { HaloReader } from '../src/halo/resources.js';
import { createMcpServer } from '../src/mcp/server.js';
import { compileToTemp } from './cold-start.js';
import { median } from './lib/measure.js';
import type { BenchOptions } from './lib/options.js';
import { type RemoteSimulator, serverEnvFor, startRemoteSimulator } from './lib/remote-simulator.js';
import { benchHaloConfig, connectedHaloClient, resultText, startOurServer } from './lib/stack.js';
import { heading, ms, note, num, printTable } from './lib/table.js';

// Protocol figures: cold start to the first tool result per protocol era, the size of tools/list,
// and the text a model reads per list row.

type Era = '2026-07-28' | '2025-11-25';

async function firstResult(entry: string, sim: RemoteSimulator, era: Era): Promise<number> {
  const started = performance.now();
  const server = {
    command: process.execPath,
    args: [entry],
    env: serverEnvFor(sim),
    stderr: 'ignore' as const,
  };
  const info = { name: 'halo-psa-mcp-bench', version: '1.0.0' };
  const client =
    era === '2026-07-28'
      ? new V2Client(info, { versionNegotiation: { mode: { pin: '2026-07-28' } } })
      : new V1Client(info);
  const transport = era === '2026-07-28' ? new V2StdioTransport(server) : new V1StdioTransport(server);
  try {
    await (client as V1Client).connect(transport as V1StdioTransport);
    const result = await client.callTool({ name: 'list_clients', arguments: {} });
    if (result.isError) throw new Error(`list_clients failed: ${JSON.stringify(result.content)}`);
    return performance.now() - started;
  } finally {
    await client.close();
  }
}

/** `tools/list` as a 2026-07-28 client receives it, without reaching Halo. */
async function listedTools(): Promise<Array<Record<string, unknown>>> {
  const unreachable: HaloReader = {
    getOne: () => Promise.reject(new Error('unexpected Halo request')),
    list: () => Promise.reject(new Error('unexpected Halo request')),
    get: () => Promise.reject(new Error('unexpected Halo request')),
  };
  const yoga = createHaloYoga({ halo: unreachable, reference: createReferenceCache(unreachable, 0) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const served = serveStdio(() => createMcpServer({ yoga }), { transport: serverSide });
  const client = new V2Client(
    { name: 'halo-psa-mcp-bench', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  await client.close();
  await served.close();
  return tools as unknown as Array<Record<string, unknown>>;
}

const chars = (value: unknown) => (value === undefined ? 0 : JSON.stringify(value).length);

/** List tools and the arguments of a full first page on the demo tenant. */
const LIST_CALLS: Array<[string, Record<string, unknown>]> = [
  ['list_tickets', { page_size: 25 }],
  ['list_clients', { page_size: 25 }],
  ['list_contracts', { page_size: 25 }],
  ['list_invoices', { page_size: 25, kind: 'ALL' }],
  ['list_recurring_invoices', { page_size: 25 }],
  ['list_projects', { page_size: 25 }],
  ['list_assets', { page_size: 25 }],
  ['list_agents', {}],
];

export async function protocolSection(options: BenchOptions): Promise<void> {
  heading('MCP protocol figures');
  const tools = await listedTools();
  const total = chars(tools);
  const outputs = tools.reduce((n, t) => n + chars(t.outputSchema), 0);
  const inputs = tools.reduce((n, t) => n + chars(t.inputSchema), 0);
  const descriptions = tools.reduce((n, t) => n + String(t.description ?? '').length, 0);
  note(`\`tools/list\` at 2026-07-28: ${tools.length} tools, the \`tools\` array as JSON.`);
  printTable(
    ['part', 'characters'],
    [
      ['whole list', num(total)],
      ['output schemas', num(outputs)],
      ['input schemas', num(inputs)],
      ['descriptions', num(descriptions)],
    ],
  );

  const sim = await startRemoteSimulator({ size: 'demo', latencyMs: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'halo-psa-mcp-bench-'));
  try {
    const halo = await connectedHaloClient(benchHaloConfig(sim));
    const ours = await startOurServer(halo, sim.today);
    const rows: string[][] = [];
    for (const [tool, args] of LIST_CALLS) {
      const result = await ours.call(tool, args);
      if (result.isError) throw new Error(`${tool} failed: ${resultText(result)}`);
      const lines = resultText(result).split('\n');
      const records = lines.filter((l) => l.startsWith('- '));
      const perRow = records.reduce((n, l) => n + l.length + 1, 0) / Math.max(1, records.length);
      rows.push([tool, num(records.length), num(perRow), num(resultText(result).length)]);
    }
    await ours.close();
    halo.close();
    note("Text a model reads per list row: page 1 of each list tool on the 'demo' tenant.");
    printTable(['tool', 'rows', 'characters per row', 'whole text'], rows);

    const entry = await compileToTemp(dir);
    const eraRows: string[][] = [];
    for (const era of ['2026-07-28', '2025-11-25'] as const) {
      await firstResult(entry, sim, era); // warms the OS file cache; not counted
      const runs: number[] = [];
      for (let i = 0; i < options.runs; i++) runs.push(await firstResult(entry, sim, era));
      eraRows.push([era, era === '2026-07-28' ? 'SDK v2, pinned' : 'SDK v1', ms(median(runs))]);
    }
    note(
      `Cold start of the compiled stdio server per protocol era: spawn to the first \`list_clients\` result, ` +
        `median of ${options.runs} runs after one unmeasured start ('demo' simulator, no added latency).`,
    );
    printTable(['era', 'client', 'spawn → first tool result'], eraRows);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
