// Benchmark (not a test): what revenue_breakdown costs on a large simulated tenant.
// Run: `npx tsx --expose-gc bench/revenue.ts` (without --expose-gc the memory figures are noisier).
//
// The simulator runs in a CHILD process (`src/simulator/cli.ts --size large --latency 40
// --rate-limit off`), as a real Halo would be remote: its per-request CPU (filtering ~50k invoices
// for every page) does not land on our event loop, and our memory figures are ours alone. The REST
// client allows 100000 requests per 5 minutes (it never throttles), 4 requests at a time, and walks
// lists up to 200000 rows (the default HALO_MAX_LIST_RECORDS of 10000 refuses a portfolio this
// size). The tool's own operation file runs through yoga with a fresh request context per run.
// Memory is sampled every 5 ms during a run; the heap figure is the peak above the heap in use just
// before the run.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { HaloConfig } from '../src/config.js';
import { createReferenceCache, type ReferenceCache } from '../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../src/graphql/yoga.js';
import { createHaloClient, type HaloClient } from '../src/halo/client.js';
import type { ResourceName } from '../src/halo/resources.js';
import { runOperation } from '../src/mcp/run-operation.js';

const RUNS = 3;
const LATENCY_MS = 40;
const MB = 1024 * 1024;

const operation = readFileSync(
  fileURLToPath(new URL('../schema/operations/revenue_breakdown.graphql', import.meta.url)),
  'utf8',
);

interface Scenario {
  name: string;
  variables: Record<string, unknown>;
  warmDirectory: boolean;
}

interface Run {
  ms: number;
  cpuMs: number;
  endpoints: Map<string, number>;
  requests: number;
  retries: number;
  peakRssMb: number;
  peakHeapAboveMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Upstream GETs of the current run by endpoint (`/api/ClientContract/{id}`), for the breakdown. */
let endpoints = new Map<string, number>();
const recordingFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.startsWith('/api/')) {
    const endpoint = url.pathname.replace(/\/\d+$/, '/{id}');
    endpoints.set(endpoint, (endpoints.get(endpoint) ?? 0) + 1);
  }
  return fetch(input, init);
};

/** Starts the simulator CLI and resolves with its base URL once it prints it. */
function startSimulatorProcess(): Promise<{ child: ChildProcess; url: string; authUrl: string }> {
  const cli = fileURLToPath(new URL('../src/simulator/cli.ts', import.meta.url));
  const args = ['--size', 'large', '--latency', String(LATENCY_MS), '--rate-limit', 'off', '--port', '0'];
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before it was ready: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /HALO_INSTANCE_URL=(\S+)/.exec(out)?.[1];
      const authUrl = /HALO_AUTH_URL=(\S+)/.exec(out)?.[1];
      if (url && authUrl) resolve({ child, url, authUrl });
    });
  });
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess();
  const config: HaloConfig = {
    instanceUrl: sim.url,
    authUrl: sim.authUrl,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    scope: 'all',
    requestTimeoutMs: 30_000,
    maxRetries: 3,
    retryBudgetMs: 60_000,
    rateLimit: { requests: 100_000, windowMs: 300_000 },
    maxConcurrency: 4,
    maxResponseBytes: 20 * 1024 * 1024,
    maxListRecords: 200_000,
    referenceTtlMs: 300_000,
  };
  const halo = createHaloClient(config, { fetch: recordingFetch });
  const reference = createReferenceCache(halo, config.referenceTtlMs);
  const yoga = createHaloYoga({ halo, reference });
  try {
    // An unmeasured portfolio run warms the JIT and names the client with the largest invoiced total.
    const first = await runOperation(yoga, operation, {}, 'revenue_breakdown');
    if (!first.data) throw new Error(`portfolio failed: ${JSON.stringify(first.errors)}`);
    const portfolio = (first.data.revenueBreakdown as { portfolio: PortfolioSummary }).portfolio;
    const top = portfolio.rows[0]!;
    const sizes = await collectionSizes(halo, portfolio.period);
    const scenarios: Scenario[] = [
      {
        name: `one client (#${top.client.id}, largest)`,
        variables: { client_id: top.client.id },
        warmDirectory: false,
      },
      {
        name: `one client (#${top.client.id}, largest)`,
        variables: { client_id: top.client.id },
        warmDirectory: true,
      },
      { name: 'portfolio (limit 25)', variables: {}, warmDirectory: false },
      { name: 'portfolio (limit 25)', variables: {}, warmDirectory: true },
    ];
    const rows: string[][] = [];
    const breakdowns: string[] = [];
    for (const scenario of scenarios) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(scenario, halo, reference, yoga));
      const parts = [...runs[0]!.endpoints].map(([endpoint, n]) => `${endpoint} ${n}`);
      breakdowns.push(`${scenario.name}, ${scenario.warmDirectory ? 'warm' : 'cold'}: ${parts.join(', ')}`);
      rows.push([
        scenario.name,
        scenario.warmDirectory ? 'warm' : 'cold',
        [...new Set(runs.map((r) => r.requests))].join('/'),
        String(Math.max(...runs.map((r) => r.retries))),
        median(runs.map((r) => r.ms)).toFixed(0),
        runs.map((r) => r.ms.toFixed(0)).join(', '),
        median(runs.map((r) => r.cpuMs)).toFixed(0),
        Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0),
        Math.max(...runs.map((r) => r.peakHeapAboveMb)).toFixed(0),
      ]);
    }
    console.log(
      `Simulated tenant 'large': ${sizes.clients} clients, ${sizes.templates} recurring invoice templates, ` +
        `${sizes.contracts} contracts, ${sizes.invoices} invoices in ${portfolio.period.from}..${portfolio.period.to} ` +
        `(${portfolio.totalClients} clients with revenue). ${LATENCY_MS} ms latency per request; client: 4 concurrent, ` +
        `100000 requests / 5 min; ${RUNS} runs each, fresh request context per run; gc ${gc ? 'forced before each run' : 'not exposed'}.`,
    );
    console.log();
    printTable(
      [
        'scenario',
        'client directory',
        'upstream requests',
        'retries',
        'median ms',
        'runs ms',
        'our CPU ms',
        'peak rss MB',
        'peak heap +MB',
      ],
      rows,
    );
    console.log();
    console.log('Requests by endpoint (first run of each):');
    for (const line of breakdowns) console.log(`  ${line}`);
  } finally {
    halo.close();
    sim.child.kill('SIGTERM');
  }
}

interface PortfolioSummary {
  period: { from: string; to: string };
  totalClients: number;
  rows: Array<{ client: { id: number } }>;
}

/** Record counts from one-row pages (not part of any measured run). */
async function collectionSizes(halo: HaloClient, period: { from: string; to: string }) {
  const count = async (resource: ResourceName, query: Record<string, string | boolean>) =>
    (await halo.list(resource, query, { pageNo: 1, pageSize: 1 })).recordCount;
  return {
    clients: await count('clients', { includeactive: true, includeinactive: true }),
    templates: await count('recurringInvoices', {}),
    contracts: await count('contracts', { includeinactive: true }),
    invoices: await count('invoices', {
      invoicedatestart: `${period.from}T00:00:00.000Z`,
      invoicedateend: `${period.to}T23:59:59.999Z`,
    }),
  };
}

async function measure(
  scenario: Scenario,
  halo: HaloClient,
  reference: ReferenceCache,
  yoga: HaloYoga,
): Promise<Run> {
  reference.clear();
  if (scenario.warmDirectory) await reference.get('clients');
  gc?.();
  const before = halo.stats();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const sampler = setInterval(sample, 5);
  endpoints = new Map();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await runOperation(yoga, operation, scenario.variables, 'revenue_breakdown');
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const seen = endpoints;
  endpoints = new Map();
  clearInterval(sampler);
  sample();
  if (response.errors?.length) throw new Error(`${scenario.name}: ${JSON.stringify(response.errors)}`);
  const after = halo.stats();
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    endpoints: seen,
    requests: after.requestsSent - before.requestsSent,
    retries: after.retries - before.retries,
    peakRssMb: peakRss / MB,
    peakHeapAboveMb: Math.max(0, peakHeap - heapBefore) / MB,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

await main();
