import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { HaloClient } from '../src/halo/client.js';
import { BaselineStopped, baselineFor, naiveContext, type Structured } from './baseline/index.js';
import { type Measured, measure, median } from './lib/measure.js';
import { type Minimum, minimumFor, Probe } from './lib/minimums.js';
import type { BenchOptions } from './lib/options.js';
import { callOurs } from './lib/our-call.js';
import { type RemoteSimulator, startRemoteSimulator } from './lib/remote-simulator.js';
import { argsText, type ToolScenario, toolScenarios } from './lib/scenarios.js';
import type { RequestTally } from './lib/simulator-protocol.js';
import { benchHaloConfig, connectedHaloClient, resultText } from './lib/stack.js';
import { heading, mb, ms, note, num, printTable, ratio } from './lib/table.js';

/** The REST client's default `maxConcurrency`, used by both sides. */
const CLIENT_CONCURRENCY = 4;

interface OurRun {
  cold: Measured<CallToolResult>;
  warm: Measured<CallToolResult>;
  coldLog: RequestTally;
  warmLog: RequestTally;
}

interface BaselineRun {
  measured: Measured<string | undefined>;
  log: RequestTally;
  stopped: boolean;
  /** Requests it would have sent in all (sent + announced but not started), when stopped. */
  planned: number;
}

interface ScenarioResult {
  scenario: ToolScenario;
  minimum: Minimum | undefined;
  ours: OurRun[];
  baseline: BaselineRun[];
  answer: { ours: string; baseline: string | undefined };
  error?: string;
}

async function runOurs(sim: RemoteSimulator, halo: HaloClient, scenario: ToolScenario): Promise<OurRun> {
  const { cold, warm } = await callOurs(sim, halo, scenario.tool, scenario.args, true);
  return { cold: cold.measured, warm: warm!.measured, coldLog: cold.log, warmLog: warm!.log };
}

async function runBaseline(
  sim: RemoteSimulator,
  halo: HaloClient,
  scenario: ToolScenario,
  budgetMs: number,
): Promise<BaselineRun> {
  const naive = baselineFor(scenario.tool, scenario.args)!;
  const { ctx, run } = naiveContext(halo, sim.today, budgetMs);
  await sim.resetLog();
  const measured = await measure(async () => {
    try {
      return await naive.run(ctx, scenario.args);
    } catch (error) {
      if (error instanceof BaselineStopped) return undefined;
      throw error;
    }
  });
  // Requests already queued when it stopped still complete; let them land before counting.
  if (run.stopped) await new Promise((resolve) => setTimeout(resolve, 2_000));
  const log = await sim.requests();
  return { measured, log, stopped: run.stopped, planned: log.total + run.notStarted };
}

async function runScenario(
  sim: RemoteSimulator,
  clients: { ours: HaloClient; baseline: HaloClient; probe: Probe },
  scenario: ToolScenario,
  options: BenchOptions,
): Promise<ScenarioResult> {
  const naive = baselineFor(scenario.tool, scenario.args)!;
  const minimum = await minimumFor(clients.probe, scenario.tool, scenario.args);
  const runs = scenario.maxRuns
    ? options.quick
      ? 1
      : Math.min(options.runs, scenario.maxRuns)
    : options.runs;
  const ours: OurRun[] = [];
  for (let i = 0; i < runs; i++) ours.push(await runOurs(sim, clients.ours, scenario));
  const failed = ours.find((r) => r.cold.value.isError || r.warm.value.isError);
  const result: ScenarioResult = {
    scenario,
    minimum,
    ours,
    baseline: [],
    answer: { ours: '', baseline: undefined },
  };
  if (failed) {
    result.error = resultText(failed.cold.value.isError ? failed.cold.value : failed.warm.value);
    return result;
  }
  result.answer.ours = naive.ours(ours[0]!.cold.value.structuredContent as Structured);
  for (let i = 0; i < runs; i++) {
    const run = await runBaseline(sim, clients.baseline, scenario, options.baselineBudgetMs);
    result.baseline.push(run);
    if (run.stopped) break;
  }
  result.answer.baseline = result.baseline[0]?.measured.value;
  return result;
}

/** "3" when every run sent 3; "3/4" when runs differed. */
function counts(values: number[]): string {
  return [...new Set(values)].map((v) => num(v)).join('/');
}

function baselineRequests(r: ScenarioResult): { text: string; value: number } {
  const first = r.baseline[0];
  if (!first) return { text: 'n/a', value: Number.NaN };
  if (first.stopped)
    return { text: `≥${num(first.planned)} (${num(first.log.total)} sent)`, value: first.planned };
  return {
    text: counts(r.baseline.map((b) => b.log.total)),
    value: median(r.baseline.map((b) => b.log.total)),
  };
}

/**
 * A stopped run's time is projected as a lower bound: what it took so far, plus its unsent
 * requests at the best rate the client allows (4 in flight, each waiting the simulated latency).
 */
function baselineTime(r: ScenarioResult, latencyMs: number): { text: string; value: number } {
  const first = r.baseline[0];
  if (!first) return { text: 'n/a', value: Number.NaN };
  if (first.stopped) {
    const unsent = first.planned - first.log.total;
    const projected = first.measured.ms + (unsent * latencyMs) / CLIENT_CONCURRENCY;
    return { text: `>${ms(first.measured.ms)} (≥${ms(projected)})`, value: projected };
  }
  const value = median(r.baseline.map((b) => b.measured.ms));
  return { text: ms(value), value };
}

function printResults(results: ScenarioResult[], latencyMs: number): void {
  const requestRows = results.map((r) => {
    const name = `${r.scenario.tool}`;
    const args = argsText(r.scenario.args);
    if (r.error) return [name, args, num(r.minimum?.requests ?? Number.NaN), 'error', '', '', '', ''];
    const cold = median(r.ours.map((o) => o.coldLog.total));
    const base = baselineRequests(r);
    const atLeast = r.baseline[0]?.stopped ? '≥' : '';
    return [
      name,
      args,
      num(r.minimum?.requests ?? Number.NaN),
      counts(r.ours.map((o) => o.coldLog.total)),
      counts(r.ours.map((o) => o.warmLog.total)),
      base.text,
      `${atLeast}${ratio(base.value, cold)}`,
      r.minimum ? `+${num(cold - r.minimum.requests)}` : 'n/a',
    ];
  });
  printTable(
    [
      'tool',
      'arguments',
      'minimum',
      'ours cold',
      'ours warm',
      'baseline',
      'baseline ÷ ours cold',
      'ours cold − min',
    ],
    requestRows,
  );
  const timeRows = results.map((r) => {
    if (r.error) return [r.scenario.tool, argsText(r.scenario.args), 'error', ...Array(9).fill('')];
    const cold = median(r.ours.map((o) => o.cold.ms));
    const base = baselineTime(r, latencyMs);
    const atLeast = r.baseline[0]?.stopped ? '≥' : '';
    const same =
      r.answer.baseline === undefined ? 'n/a (stopped)' : r.answer.baseline === r.answer.ours ? 'yes' : 'NO';
    return [
      r.scenario.tool,
      argsText(r.scenario.args),
      ms(cold),
      ms(median(r.ours.map((o) => o.warm.ms))),
      base.text,
      `${atLeast}${ratio(base.value, cold)}`,
      ms(median(r.ours.map((o) => o.cold.cpuMs))),
      ms(median(r.ours.map((o) => o.coldLog.cpuMs))),
      mb(Math.max(...r.ours.map((o) => Math.max(o.cold.peakRssMb, o.warm.peakRssMb)))),
      mb(Math.max(...r.ours.map((o) => o.cold.heapGrowthMb))),
      mb(Math.max(...r.baseline.map((b) => b.measured.heapGrowthMb))),
      same,
    ];
  });
  printTable(
    [
      'tool',
      'arguments',
      'ours cold',
      'ours warm',
      'baseline',
      'baseline ÷ ours cold',
      'our CPU (cold)',
      'simulator CPU (cold)',
      'peak RSS MB',
      'heap +MB ours',
      'heap +MB baseline',
      'same answer',
    ],
    timeRows,
  );
}

function printDetails(results: ScenarioResult[]): void {
  console.log('Minimum reads, our cold requests by endpoint (first run), and the naive recipe:\n');
  for (const r of results) {
    const endpoints = r.ours[0]
      ? Object.entries(r.ours[0].coldLog.byEndpoint)
          .map(([endpoint, n]) => `${endpoint} ${n}`)
          .join(', ')
      : '';
    const naive = baselineFor(r.scenario.tool, r.scenario.args)!;
    console.log(`- **${r.scenario.tool}** (${argsText(r.scenario.args)}: ${r.scenario.why})`);
    console.log(`  - minimum: ${r.minimum?.reads ?? 'n/a'}`);
    console.log(`  - ours cold: ${r.error ? `error: ${r.error}` : endpoints}`);
    console.log(`  - baseline: ${naive.recipe}`);
    if (!r.error && r.answer.baseline !== undefined && r.answer.baseline !== r.answer.ours) {
      console.log(`  - answers differ: ours \`${r.answer.ours}\`, baseline \`${r.answer.baseline}\``);
    }
  }
  console.log();
}

export async function toolsSection(options: BenchOptions): Promise<void> {
  heading(`Per tool: ours against a naive baseline (large tenant, ${options.latencyMs} ms per request)`);
  const sim = await startRemoteSimulator({ size: 'large', latencyMs: options.latencyMs });
  const config = benchHaloConfig(sim);
  const clients = {
    ours: await connectedHaloClient(config),
    baseline: await connectedHaloClient(config),
    probe: new Probe(await connectedHaloClient(config), sim.today),
  };
  try {
    const c = sim.counts;
    note(
      `Simulated tenant 'large' (generated in ${ms(sim.generatedMs)}): ${num(c.clients!)} clients, ${num(c.tickets!)} tickets and projects, ` +
        `${num(c.actions!)} actions, ${num(c.contracts!)} contracts, ${num(c.invoices!)} invoices, ${num(c.recurringInvoices!)} recurring templates, ` +
        `${num(c.assets!)} assets, ${num(c.users!)} contacts, ${num(c.agents!)} agents; today ${sim.today}. ` +
        `The simulator runs in its own process and delays every answer by ${options.latencyMs} ms.`,
    );
    note(
      `Each tool call goes through a real MCP client (in-memory transport) to a fresh server context ` +
        `(new reference cache, yoga, MCP server; the REST client already holds its token). "cold": the first ` +
        `call of that server (nothing cached); "warm": the same call again (agents, teams, statuses, types, ` +
        `priorities and the client directory cached if the first call read them; per-request loaders are always new). ` +
        `Medians of ${options.runs} runs (the portfolio: ${options.quick ? 1 : 3}). Both sides use the same REST client settings: 4 requests in flight, ` +
        `no client-side rate limit, lists up to 200,000 rows. A baseline run that passes ${ms(options.baselineBudgetMs)} ` +
        `is stopped: its request count is what it had sent plus what it had announced (a lower bound), and its time is projected as a lower bound (the unsent requests at 4 per ${options.latencyMs} ms). Requests are counted by the ` +
        `simulator (\`/api\` only; the token is not). "same answer": a fingerprint of both answers (counts, ids shown, ` +
        `one related value per row; revenue: mrr and totals) is equal.`,
    );
    const results: ScenarioResult[] = [];
    const scenarios = toolScenarios(sim.picks).filter(
      (s) => options.tools.length === 0 || options.tools.includes(s.tool),
    );
    for (const scenario of scenarios) {
      const started = Date.now();
      results.push(await runScenario(sim, clients, scenario, options));
      process.stderr.write(
        `  tools: ${scenario.tool} ${argsText(scenario.args)} (${ms(Date.now() - started)})\n`,
      );
    }
    console.log('Upstream requests per call:\n');
    printResults(results, options.latencyMs);
    printDetails(results);
  } finally {
    for (const halo of [clients.ours, clients.baseline, clients.probe.halo]) halo.close();
    await sim.stop();
  }
}
