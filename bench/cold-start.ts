import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { runCommand } from './lib/child-run.js';
import { median } from './lib/measure.js';
import type { BenchOptions } from './lib/options.js';
import { type RemoteSimulator, serverEnvFor, startRemoteSimulator } from './lib/remote-simulator.js';
import { heading, ms, note, num, printTable } from './lib/table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');

interface Variant {
  name: string;
  entry: string;
  note: string;
}

interface StartTimes {
  initialized: number;
  firstResult: number;
}

/**
 * A copy of the package in a temp dir, compiled from the current source (the shared dist/ is left
 * alone): dist/ from tsc, schema/ and node_modules linked, package.json copied (version, ESM).
 */
export async function compileToTemp(dir: string): Promise<string> {
  await runCommand(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    join(dir, 'dist'),
  ]);
  await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
  await symlink(join(ROOT, 'schema'), join(dir, 'schema'), 'dir');
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'dist', 'server', 'cli.js');
}

/**
 * One ESM file from the compiled output (esbuild, installed with vitest). Placed at
 * bundle/server/cli.js so that its `../../schema` and `../../package.json` still resolve.
 */
async function bundle(dir: string, entry: string): Promise<string> {
  const out = join(dir, 'bundle', 'server', 'cli.js');
  await mkdir(join(dir, 'bundle', 'server'), { recursive: true });
  await runCommand(join(BIN, 'esbuild'), [
    entry,
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--log-level=error',
    `--outfile=${out}`,
    "--banner:js=import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  ]);
  return out;
}

/** spawn -> initialize -> tools/call list_clients -> result, timed from before the spawn. */
async function startOnce(entry: string, sim: RemoteSimulator): Promise<StartTimes> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: serverEnvFor(sim),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'halo-psa-mcp-bench', version: '1.0.0' });
  try {
    await client.connect(transport);
    const initialized = performance.now() - started;
    const result = (await client.callTool({ name: 'list_clients', arguments: {} })) as CallToolResult;
    if (result.isError) throw new Error(`list_clients failed: ${JSON.stringify(result.content)}`);
    return { initialized, firstResult: performance.now() - started };
  } finally {
    await client.close();
  }
}

/** `node -e 0`: what any Node process costs before our code loads. */
async function bareNode(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return performance.now() - started;
}

export async function coldStartSection(options: BenchOptions): Promise<void> {
  heading('Cold start of the stdio server');
  const dir = await mkdtemp(join(tmpdir(), 'halo-psa-mcp-bench-'));
  const sim = await startRemoteSimulator({ size: 'demo', latencyMs: 0 });
  try {
    const compiled = await compileToTemp(dir);
    const variants: Variant[] = [{ name: 'compiled (`node dist/server/cli.js`)', entry: compiled, note: '' }];
    try {
      const bundled = await bundle(dir, compiled);
      const size = (await stat(bundled)).size / 1024 / 1024;
      variants.push({ name: 'bundled (esbuild, one file)', entry: bundled, note: `${num(size, 1)} MB` });
    } catch (error) {
      note(
        `Bundling failed, so only the compiled server is measured: ${(error as Error).message.slice(0, 300)}`,
      );
    }
    const rows: string[][] = [];
    const bare: number[] = [];
    for (let i = 0; i < options.runs; i++) bare.push(await bareNode());
    rows.push(['bare `node -e 0` (floor)', ms(median(bare)), '', '']);
    for (const variant of variants) {
      await startOnce(variant.entry, sim); // warms the OS file cache; not counted
      const runs: StartTimes[] = [];
      for (let i = 0; i < options.runs; i++) runs.push(await startOnce(variant.entry, sim));
      rows.push([
        variant.name,
        ms(median(runs.map((r) => r.initialized))),
        ms(median(runs.map((r) => r.firstResult))),
        variant.note,
      ]);
    }
    note(
      `From before the spawn to the MCP \`initialize\` answer, and to the first tool result (\`list_clients\`, ` +
        `page 1: one token request and one \`/api/Client\` request to a 'demo' simulator with no added latency), ` +
        `through the SDK's stdio client. Median of ${options.runs} runs after one unmeasured start. ` +
        `Compiled from the current source into a temp dir (tsc); the bundle is made from that output by esbuild ` +
        `and is measured only, not shipped.`,
    );
    printTable(['server', 'spawn → initialized', 'spawn → first tool result', 'size'], rows);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
