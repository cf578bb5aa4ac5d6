// `npm run build` (after tsc): the shipped `bin` as a few ESM files from src/ with every
// dependency inlined, so `npx halo-psa-mcp`, the Docker image and the Claude Desktop bundle start
// without resolving node_modules. Code splitting keeps the lazy imports lazy (HTTP, the demo
// simulator, GraphiQL's page): each becomes a chunk loaded only when used.
// dist/bin/ sits two levels under the package root, as dist/server/ does, so the runtime reads of
// ../../package.json and ../../schema/operations/ resolve the same way from both builds.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { thirdPartyNotices } from './notices.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN_DIR = join(ROOT, 'dist', 'bin');

/** CommonJS dependencies call `require` for Node built-ins; an ESM bundle has to provide it. */
const REQUIRE_SHIM =
  "import { createRequire as __haloCreateRequire } from 'node:module'; const require = __haloCreateRequire(import.meta.url);";

/** Builds into `outDir` (default dist/bin; the bench builds a copy elsewhere). */
export async function buildBin(outDir = BIN_DIR): Promise<{ entry: string; files: string[]; bytes: number }> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'halo-psa-mcp': 'src/server/cli.ts', healthcheck: 'src/server/healthcheck.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  await writeFile(
    join(outDir, 'THIRD-PARTY-NOTICES.txt'),
    await thirdPartyNotices(ROOT, Object.keys(result.metafile.inputs)),
  );
  const entry = join(outDir, 'halo-psa-mcp.js');
  if (!(await readFile(entry, 'utf8')).startsWith('#!/usr/bin/env node\n')) {
    throw new Error(`${entry} lost its shebang`);
  }
  const files = outputs.map(([file]) => file);
  return { entry, files, bytes: outputs.reduce((n, [, o]) => n + o.bytes, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, bytes } = await buildBin();
  process.stderr.write(`bundle: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in dist/bin\n`);
}
