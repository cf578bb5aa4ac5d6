// `npm run bundle`: halo-psa-mcp.mcpb, the Claude Desktop bundle (MCPB), from the built dist/bin.
// Stages out/mcpb/ with the package layout the bin expects (dist/bin, dist/views, schema/operations,
// package.json), a generated manifest.json and icon.png, then packs it with the official mcpb
// tool, which validates the manifest first.
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadTools } from '../src/mcp/server.js';
import { BIN_DIR, ROOT } from './bin.js';
import { iconPng } from './icon.js';
import { manifestFor } from './manifest.js';

export const STAGE_DIR = join(ROOT, 'out', 'mcpb');
export const MCPB_FILE = join(ROOT, 'halo-psa-mcp.mcpb');
export const MCPB_CLI = join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');

const run = promisify(execFile);

export async function stageBundle(stage = STAGE_DIR): Promise<void> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  await readFile(join(BIN_DIR, 'halo-psa-mcp.js')).catch(() => {
    throw new Error('dist/bin/halo-psa-mcp.js is missing: run `npm run build` first');
  });
  await rm(stage, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  await cp(BIN_DIR, join(stage, 'dist', 'bin'), { recursive: true });
  // The MCP Apps views, which the bin serves as ui:// resources.
  await cp(join(ROOT, 'dist', 'views'), join(stage, 'dist', 'views'), { recursive: true });
  await cp(join(ROOT, 'schema', 'operations'), join(stage, 'schema', 'operations'), { recursive: true });
  // Only what the bin reads at run time: its version, and `type: module` for the ESM files.
  const runtimePackage = { name: pkg.name, version: pkg.version, type: 'module', license: pkg.license };
  await writeFile(join(stage, 'package.json'), `${JSON.stringify(runtimePackage, null, 2)}\n`);
  await copyFile(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
  await writeFile(join(stage, 'icon.png'), iconPng());
  await writeFile(
    join(stage, 'manifest.json'),
    `${JSON.stringify(manifestFor(pkg, loadTools()), null, 2)}\n`,
  );
}

export async function packBundle(stage = STAGE_DIR, output = MCPB_FILE): Promise<string> {
  await run(process.execPath, [MCPB_CLI, 'validate', join(stage, 'manifest.json')]);
  const { stdout } = await run(process.execPath, [MCPB_CLI, 'pack', stage, output]);
  return stdout;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await stageBundle();
  const report = await packBundle();
  process.stderr.write(report);
  process.stderr.write(`bundle: wrote ${MCPB_FILE}\n`);
}
