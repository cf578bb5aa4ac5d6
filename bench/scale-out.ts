// Scale-out: the same workload of concurrent MCP clients through a real haproxy, against one
// replica, three replicas that share nothing (each paces, fetches its token and caches alone: the
// naive way to add replicas), and three replicas sharing state through a real redis-server.
// Upstream requests and token requests come from the simulator's log; latency is each tool call's,
// as the MCP client saw it. The simulator adds the bench's upstream delay to every request.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { closedPort } from '../test/helpers/local-server.js';
import { type RedisProcess, removeRedisServer, startRedisServer } from '../test/helpers/redis-server.js';
import { median, percentile } from './lib/measure.js';
import type { BenchOptions } from './lib/options.js';
import { type RemoteSimulator, serverEnvFor, startRemoteSimulator } from './lib/remote-simulator.js';
import { toolScenarios } from './lib/scenarios.js';
import { heading, ms, note, num, printTable } from './lib/table.js';

const BIN = fileURLToPath(new URL('../dist/bin/halo-psa-mcp.js', import.meta.url));
const TOKEN = `bench-${randomBytes(12).toString('hex')}`;
const TOKEN_KEY = randomBytes(32).toString('base64');
/** Interactive tools only: what a team asks all day (the portfolio is measured elsewhere). */
const WORKLOAD_TOOLS = new Set([
  'list_tickets',
  'get_ticket',
  'list_agents',
  'list_clients',
  'get_client',
  'list_contracts',
  'list_invoices',
  'get_invoice',
  'list_projects',
  'list_assets',
]);

function available(program: string): boolean {
  try {
    execFileSync(program, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Replica {
  port: number;
  child: ChildProcess;
}

async function waitForHealth(url: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url}/health did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startReplica(sim: RemoteSimulator, shared: Record<string, string>): Promise<Replica> {
  const port = await closedPort();
  const child = spawn(process.execPath, [BIN, '--http'], {
    env: {
      ...serverEnvFor(sim),
      HALO_MCP_PORT: String(port),
      HALO_MCP_TOKEN: TOKEN,
      HALO_RATE_LIMIT: '100000',
      ...shared,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`http://127.0.0.1:${port}`);
  return { port, child };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startBalancer(
  replicas: Replica[],
  dir: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await closedPort();
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    'frontend mcp',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /health',
    ...replicas.map((r, i) => `  server r${i} 127.0.0.1:${r.port} check inter 1s`),
    '',
  ].join('\n');
  const file = join(dir, `haproxy-${port}.cfg`);
  writeFileSync(file, config);
  const child = spawn('haproxy', ['-db', '-q', '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  return { url, child };
}

interface Outcome {
  calls: number;
  failed: number;
  latencies: number[];
  wallMs: number;
  upstream: number;
  tokens: number;
  references: number;
}

const REFERENCE_ENDPOINTS = [
  '/api/Status',
  '/api/TicketType',
  '/api/Priority',
  '/api/Agent',
  '/api/Team',
  '/api/Client',
];

async function runWorkload(
  url: string,
  calls: Array<{ tool: string; args: Record<string, unknown> }>,
  clients: number,
  perClient: number,
): Promise<Pick<Outcome, 'calls' | 'failed' | 'latencies' | 'wallMs'>> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const client = new Client({ name: `bench-${c}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
        }),
      );
      for (let k = 0; k < perClient; k++) {
        const call = calls[(c + k) % calls.length]!;
        const at = performance.now();
        try {
          const result = await client.callTool({ name: call.tool, arguments: call.args });
          if (result.isError) failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - at);
      }
      await client.close();
    }),
  );
  return { calls: latencies.length, failed, latencies, wallMs: performance.now() - started };
}

export async function scaleOutSection(options: BenchOptions): Promise<void> {
  heading('Scale-out: 1 replica vs 3, through haproxy');
  if (!existsSync(BIN)) {
    note('Skipped: dist/bin/halo-psa-mcp.js is missing (run `npm run build` first).');
    return;
  }
  if (!available('haproxy') || !available('redis-server')) {
    note('Skipped: needs haproxy and redis-server (Debian packages; .ci/run installs them).');
    return;
  }
  const clients = options.quick ? 20 : 60;
  const perClient = options.quick ? 5 : 10;
  const sim = await startRemoteSimulator({ size: 'demo', latencyMs: options.latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'halo-bench-scale-'));
  let redis: RedisProcess | undefined;
  const running: ChildProcess[] = [];
  try {
    redis = await startRedisServer();
    const calls = toolScenarios(sim.picks)
      .filter((s) => WORKLOAD_TOOLS.has(s.tool))
      .map((s) => ({ tool: s.tool, args: s.args as Record<string, unknown> }));
    const variants = [
      { name: '1 replica', replicas: 1, redis: false },
      { name: '3 replicas, nothing shared', replicas: 3, redis: false },
      { name: '3 replicas sharing Redis', replicas: 3, redis: true },
    ];
    const rows: string[][] = [];
    for (const variant of variants) {
      const shared: Record<string, string> = variant.redis
        ? {
            HALO_REDIS_URL: redis.url,
            HALO_REDIS_PREFIX: `bench${randomBytes(3).toString('hex')}:`,
            HALO_EXPECTED_REPLICAS: String(variant.replicas),
            HALO_MCP_TOKEN_KEY: TOKEN_KEY,
          }
        : {};
      const replicas: Replica[] = [];
      for (let i = 0; i < variant.replicas; i++) replicas.push(await startReplica(sim, shared));
      running.push(...replicas.map((r) => r.child));
      const balancer = await startBalancer(replicas, dir);
      running.push(balancer.child);
      await sim.resetLog();
      const run = await runWorkload(balancer.url, calls, clients, perClient);
      const tally = await sim.requests();
      const references = Object.entries(tally.byEndpoint)
        .filter(([endpoint]) => REFERENCE_ENDPOINTS.includes(endpoint))
        .reduce((n, [, count]) => n + count, 0);
      rows.push([
        variant.name,
        num(run.calls),
        num(run.failed),
        num(tally.total),
        num(tally.tokens),
        num(references),
        ms(median(run.latencies)),
        ms(percentile(run.latencies, 95)),
        `${num((run.calls / run.wallMs) * 1000, 1)}/s`,
      ]);
      await stopProcess(balancer.child);
      for (const replica of replicas) await stopProcess(replica.child);
    }
    note(
      `${clients} MCP clients (SDK v2, streamable HTTP) at once, ${perClient} calls each, cycling through ` +
        `${calls.length} interactive tool calls (${[...new Set(calls.map((c) => c.tool))].join(', ')}) on the ` +
        `\`demo\` tenant; every Halo request waits ${options.latencyMs} ms. Fresh replicas (cold caches) for each row.`,
    );
    printTable(
      [
        'Setup',
        'Calls',
        'Failed',
        'Halo requests',
        'Token requests',
        'Reference-list reads',
        'p50',
        'p95',
        'Throughput',
      ],
      rows,
    );
  } finally {
    for (const child of running) await stopProcess(child).catch(() => {});
    await removeRedisServer(redis);
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  }
}
