import { fileURLToPath } from 'node:url';
import { runCommand } from './lib/child-run.js';
import type { BenchOptions } from './lib/options.js';
import { heading, note } from './lib/table.js';

const REVENUE_BENCH = fileURLToPath(new URL('./revenue.ts', import.meta.url));

/** bench/revenue.ts (its own script, own simulator process): revenue_breakdown in depth. */
export async function revenueSection(options: BenchOptions): Promise<void> {
  heading('revenue_breakdown in depth (bench/revenue.ts)');
  if (options.quick) {
    note(
      'Skipped with --quick (about two minutes). Run `npx tsx --expose-gc bench/revenue.ts` for it alone.',
    );
    return;
  }
  await runCommand(process.execPath, ['--expose-gc', '--import', 'tsx', REVENUE_BENCH], {
    inheritStdout: true,
  });
  console.log();
}
