import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OperationTool } from './register.js';
import { loadTools } from './server.js';

// Generates the README's tool table from the registry, so the docs cannot drift from the tools.
// `npm run docs` rewrites the block; `--check` exits 1 when it is stale.

export const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- tools:start -->';
const END = '<!-- tools:end -->';

export function toolTable(tools: OperationTool[]): string {
  const rows = tools.map(({ operation, inputSchema }) => {
    const summary = operation.description.split('\n\n')[0] ?? '';
    const args = Object.entries(inputSchema.shape).map(([name, schema]) =>
      schema.safeParse(undefined).success ? `\`${name}\`` : `\`${name}\`*`,
    );
    return `| \`${operation.name}\` | ${cell(summary)} | ${args.join(', ') || '(none)'} |`;
  });
  return [
    `${tools.length} read-only tools, one per file in \`schema/operations/\` (\`*\` = required).`,
    '',
    '| Tool | What it does | Arguments |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The README with the block between the markers replaced; throws when the markers are missing. */
export function withToolTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs a ${START} ... ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function main(args: string[]): number {
  const current = readFileSync(README_FILE, 'utf8');
  const next = withToolTable(current, toolTable(loadTools()));
  if (args.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write('README.md tool table is stale: run `npm run docs`.\n');
    return 1;
  }
  if (next !== current) writeFileSync(README_FILE, next);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
