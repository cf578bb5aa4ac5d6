import type { CustomSize } from '../src/simulator/generate/index.js';
import type { ToolArgs } from './baseline/index.js';
import { median } from './lib/measure.js';
import type { BenchOptions } from './lib/options.js';
import { callOurs, type OurCall } from './lib/our-call.js';
import type { Picks } from './lib/picks.js';
import { startRemoteSimulator } from './lib/remote-simulator.js';
import { argsText } from './lib/scenarios.js';
import { benchHaloConfig, connectedHaloClient, resultText } from './lib/stack.js';
import { heading, mb, ms, note, num, printTable } from './lib/table.js';

interface GrowthSize {
  axis: 'tickets' | 'clients';
  size: CustomSize;
}

interface GrowthTool {
  tool: string;
  args: (p: Picks) => ToolArgs;
}

const TOOLS: GrowthTool[] = [
  { tool: 'list_tickets', args: () => ({}) },
  { tool: 'get_client', args: (p) => ({ client_id: p.busyClient }) },
  { tool: 'list_agents', args: () => ({}) },
  { tool: 'revenue_breakdown', args: () => ({}) },
];

/** Tickets grow with clients fixed at 500; clients grow with tickets fixed at 10,000 (`large` shares). */
function sizes(quick: boolean): GrowthSize[] {
  const tickets = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const clients = quick ? [10, 500] : [10, 500, 5_000];
  return [
    ...tickets.map((n): GrowthSize => ({ axis: 'tickets', size: { customers: 500, tickets: n } })),
    ...clients
      .filter((n) => n !== 500)
      .map((n): GrowthSize => ({ axis: 'clients', size: { customers: n, tickets: 10_000 } })),
  ];
}

interface Row {
  label: string;
  tool: string;
  args: string;
  calls: OurCall[];
  error?: string;
}

export async function growthSection(options: BenchOptions): Promise<void> {
  heading(
    `Growth: requests, time and memory as the tenant grows (${options.latencyMs} ms per request, cold calls)`,
  );
  const runs = options.quick ? 2 : 3;
  const rows: Row[] = [];
  const tenants: string[][] = [];
  for (const { axis, size } of sizes(options.quick)) {
    const sim = await startRemoteSimulator({ size, latencyMs: options.latencyMs });
    const halo = await connectedHaloClient(benchHaloConfig(sim));
    const label = `${num(size.customers!)} clients, ${num(size.tickets!)} tickets`;
    try {
      const c = sim.counts;
      tenants.push([
        label,
        axis,
        num(c.clients!),
        num(c.tickets!),
        num(c.invoices!),
        num(c.contracts!),
        num(c.users!),
        ms(sim.generatedMs),
      ]);
      for (const { tool, args: argsOf } of TOOLS) {
        const args = argsOf(sim.picks);
        const calls: OurCall[] = [];
        for (let i = 0; i < runs; i++) calls.push((await callOurs(sim, halo, tool, args, false)).cold);
        const failed = calls.find((c) => c.measured.value.isError);
        rows.push({
          label,
          tool,
          args: argsText(args),
          calls,
          ...(failed ? { error: resultText(failed.measured.value) } : {}),
        });
      }
      process.stderr.write(`  growth: ${label} done\n`);
    } finally {
      halo.close();
      await sim.stop();
    }
  }
  note(
    `Each size is generated fresh (custom sizes over the \`large\` preset: same billing mix and shares, ` +
      `500 projects on top of the tickets) and served by a simulator in its own process, ${options.latencyMs} ms ` +
      `per request. Every call is cold (fresh server context, nothing cached), median of ${runs} runs; ` +
      `get_client asks for the client with most tickets, revenue_breakdown for the whole portfolio (12 months).`,
  );
  printTable(
    ['tenant', 'grows', 'clients', 'tickets + projects', 'invoices', 'contracts', 'contacts', 'generated in'],
    tenants,
  );
  const sorted = TOOLS.flatMap(({ tool }) => rows.filter((r) => r.tool === tool));
  printTable(
    ['tool', 'tenant', 'requests', 'time', 'our CPU', 'simulator CPU', 'heap +MB', 'peak RSS MB'],
    sorted.map((r) =>
      r.error
        ? [r.tool, r.label, 'error', r.error.slice(0, 80), '', '', '', '']
        : [
            r.tool,
            r.label,
            [...new Set(r.calls.map((c) => c.log.total))].map((n) => num(n)).join('/'),
            ms(median(r.calls.map((c) => c.measured.ms))),
            ms(median(r.calls.map((c) => c.measured.cpuMs))),
            ms(median(r.calls.map((c) => c.log.cpuMs))),
            mb(Math.max(...r.calls.map((c) => c.measured.heapGrowthMb))),
            mb(Math.max(...r.calls.map((c) => c.measured.peakRssMb))),
          ],
    ),
  );
}
