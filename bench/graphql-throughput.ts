import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createReferenceCache } from '../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../src/graphql/yoga.js';
import { silentLogger } from '../src/log.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { runCommand } from './lib/child-run.js';
import { percentile } from './lib/measure.js';
import type { BenchOptions } from './lib/options.js';
import { startRemoteSimulator } from './lib/remote-simulator.js';
import { benchHaloConfig, connectedHaloClient } from './lib/stack.js';
import { heading, ms, note, num, printTable } from './lib/table.js';

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const CONNECTIONS = 10;

const QUERIES: Record<string, string> = {
  statuses: '{ statuses { id name } }',
  ticketTypes: '{ ticketTypes { id name } }',
  agents: '{ agents(page: { pageSize: 25 }) { totalCount items { id name email teams { id name } } } }',
};

/** Only /graphql is loaded here. */
function noMcp(): never {
  throw new Error('the throughput bench serves /graphql only');
}

const body = (query: string) => JSON.stringify({ query });

async function inProcess(yoga: HaloYoga, query: string, seconds: number) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(query),
      });
      const json = (await response.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`query failed: ${JSON.stringify(json.errors)}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

async function overHttp(url: string, query: string, seconds: number): Promise<AutocannonResult> {
  const out = await runCommand(process.execPath, [
    AUTOCANNON,
    '--json',
    '--no-progress',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    body(query),
    url,
  ]);
  return JSON.parse(out) as AutocannonResult;
}

export async function graphqlSection(options: BenchOptions): Promise<void> {
  heading('GraphQL throughput on cached reference data');
  const seconds = options.quick ? 2 : 4;
  const sim = await startRemoteSimulator({ size: 'demo', latencyMs: options.latencyMs });
  const halo = await connectedHaloClient(benchHaloConfig(sim));
  const reference = createReferenceCache(halo, 300_000);
  const yoga = createHaloYoga({ halo, reference, today: () => sim.today });
  const http = await listen(
    createHttpServer(
      { yoga, createMcpServer: noMcp, logger: silentLogger, version: 'bench' },
      { host: '127.0.0.1', port: 0, allowedOrigins: [] },
    ),
    '127.0.0.1',
    0,
  );
  try {
    for (const query of Object.values(QUERIES)) await inProcess(yoga, query, 0.3); // warm cache and JIT
    await sim.resetLog();
    const rows: string[][] = [];
    for (const [name, query] of Object.entries(QUERIES)) {
      const local = await inProcess(yoga, query, seconds);
      const remote = await overHttp(`${http.url}/graphql`, query, seconds);
      rows.push([
        name,
        num(local.rps),
        `${ms(local.p50)} / ${ms(local.p99)}`,
        num(remote.requests.average),
        `${ms(remote.latency.p50)} / ${ms(remote.latency.p99)}`,
        num(remote.errors + remote.non2xx),
      ]);
    }
    const upstream = await sim.requests();
    note(
      `${CONNECTIONS} concurrent callers for ${seconds} s per query, after one warm-up read of the reference data ` +
        `(agents, teams, statuses, ticket types are then served from the cross-request cache: ` +
        `${num(upstream.total)} upstream requests during the measured runs). In-process: \`yoga.fetch\` in this ` +
        `process. HTTP: the project's HTTP server (${'`/graphql`'}, host and origin checks on) on 127.0.0.1, loaded ` +
        `by autocannon in a separate process. Same ${'`demo`'} dataset and machine as above.`,
    );
    printTable(
      ['query', 'in-process req/s', 'in-process p50 / p99', 'HTTP req/s', 'HTTP p50 / p99', 'HTTP errors'],
      rows,
    );
  } finally {
    await http.close();
    halo.close();
    await sim.stop();
  }
}
