import { parseArgs } from 'node:util';

export const SECTIONS = [
  'tools',
  'revenue',
  'cold-start',
  'protocol',
  'graphql',
  'growth',
  'views',
  'scale-out',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  sections: Section[];
  /** Runs per measured figure (the median is reported). */
  runs: number;
  /** Delay the simulator adds to every request, as a remote Halo would. */
  latencyMs: number;
  /** Most time one baseline run may take before it stops and its total is projected. */
  baselineBudgetMs: number;
  /** Only these tools in the per-tool section (all when empty). */
  tools: string[];
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--tools list_tickets,...]

  --quick   2 runs (the portfolio 1), smaller growth sizes, 15 s baseline budget, no bench/revenue.ts
  --only    run only these sections (comma-separated)
  --tools   per-tool section: only these tools (comma-separated)`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions | string {
  let values: { quick?: boolean; only?: string; tools?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        tools: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const unknown = sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) return `Unknown section ${unknown.join(', ')}.\n\n${USAGE}`;
  const quick = values.quick === true;
  return {
    quick,
    sections: sections as Section[],
    runs: quick ? 2 : 5,
    latencyMs: 40,
    baselineBudgetMs: quick ? 15_000 : 45_000,
    tools: values.tools ? values.tools.split(',').map((t) => t.trim()) : [],
  };
}
