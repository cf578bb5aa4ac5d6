// `npm run bench`: measured speed, printed as markdown tables. Not a test: nothing here asserts.
// Run with `node --expose-gc --import tsx bench/index.ts [--quick] [--only tools,graphql]`.

import { coldStartSection } from './cold-start.js';
import { graphqlSection } from './graphql-throughput.js';
import { growthSection } from './growth.js';
import { machineLines } from './lib/machine.js';
import { gcExposed } from './lib/measure.js';
import { type BenchOptions, parseBenchArgs, type Section, USAGE } from './lib/options.js';
import { ms, note } from './lib/table.js';
import { protocolSection } from './protocol.js';
import { revenueSection } from './revenue-section.js';
import { scaleOutSection } from './scale-out.js';
import { toolsSection } from './tools.js';
import { viewsSection } from './views.js';

const SECTION_RUNNERS: Record<Section, (options: BenchOptions) => Promise<void>> = {
  tools: toolsSection,
  revenue: revenueSection,
  'cold-start': coldStartSection,
  protocol: protocolSection,
  graphql: graphqlSection,
  growth: growthSection,
  views: viewsSection,
  'scale-out': scaleOutSection,
};

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options === USAGE) {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const started = Date.now();
  console.log(`# halo-psa-mcp benchmarks${options.quick ? ' (--quick)' : ''}\n`);
  note(machineLines().join('  \n'));
  if (!gcExposed) note('(gc not exposed: run with `node --expose-gc` for steadier memory figures)');
  for (const section of options.sections) {
    const sectionStarted = Date.now();
    await SECTION_RUNNERS[section](options);
    process.stderr.write(`${section} done in ${ms(Date.now() - sectionStarted)}\n`);
  }
  note(`Total bench time: ${ms(Date.now() - started)}.`);
  return 0;
}

process.exitCode = await main();
