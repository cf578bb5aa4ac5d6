import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { BUILT_VIEWS_DIR, VIEWS } from './catalog.js';

// The bundle step: each view becomes ONE self-contained HTML file (its script and styles inline,
// nothing fetched at run time) with a Content-Security-Policy that allows only that exact script
// (by hash) and no network at all. Run by `npm run build`; tests call buildViews() themselves.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VIEW_SOURCES_DIR = join(ROOT, 'views');

/**
 * zod (under the MCP client the ext-apps view code uses) re-exports every locale's error messages;
 * a view shows none of them, so only English is bundled (about 40 kB gzipped less).
 */
const englishOnlyZod: esbuild.Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'/'}zod${'/'}`)
        ? { path: 'zod-locales', namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: ROOT,
    }));
  },
};

export interface BuiltView {
  file: string;
  path: string;
  bytes: number;
  gzipBytes: number;
}

async function bundleScript(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    plugins: [englishOnlyZod],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  // An inline script ends at the first "</script"; esbuild escapes it in strings, this checks.
  if (/<\/script/i.test(code)) throw new Error(`${entry}: the bundle contains "</script"`);
  return code;
}

async function bundleStyles(): Promise<string> {
  const css = [
    readFileSync(join(ROOT, 'node_modules/chartist/dist/index.css'), 'utf8'),
    readFileSync(join(VIEW_SOURCES_DIR, 'common/styles.css'), 'utf8'),
  ].join('\n');
  const result = await esbuild.transform(css, { loader: 'css', minify: true, legalComments: 'none' });
  if (/<\/style/i.test(result.code)) throw new Error('the view styles contain "</style"');
  return result.code;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * The view's own policy, on top of whatever the host's frame enforces: its one script by hash (so
 * no injected markup can run script, inline handlers included), styles inline (the chart library
 * sets style attributes), images only as data: URIs, and no connection, frame, form or base.
 */
export function contentSecurityPolicy(script: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256(script)}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The preview host's policy: its own script, and /mcp on its own origin. A frame loaded from
 * `srcdoc` inherits its parent's policy, so the views' scripts are allowed here by hash as well;
 * each view still enforces its own, stricter policy inside the frame.
 */
export function previewSecurityPolicy(script: string, viewScripts: string[]): string {
  const hashes = [script, ...viewScripts].map((text) => `'sha256-${sha256(text)}'`).join(' ');
  return [
    "default-src 'none'",
    `script-src ${hashes}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function viewHtml(input: { title: string; script: string; styles: string; csp?: string }): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${input.csp ?? contentSecurityPolicy(input.script)}">`,
    `<title>${input.title}</title>`,
    `<style>${input.styles}</style>`,
    '</head>',
    '<body>',
    '<main id="app" aria-live="polite"><p>Waiting for the tool result…</p></main>',
    `<script type="module">${input.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The preview host page's file name in the built views folder (served at /views). */
export const PREVIEW_FILE = 'preview';

/** Written whole or not at all (a temporary file renamed), so a server reading it never sees half. */
function write(outDir: string, file: string, html: string): BuiltView {
  const path = join(outDir, `${file}.html`);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, html);
  renameSync(temporary, path);
  return { file, path, bytes: Buffer.byteLength(html), gzipBytes: gzipSync(html, { level: 9 }).length };
}

/**
 * Builds every view whose source exists into `outDir`, then the preview host page; returns each
 * file's size (the preview last).
 */
export async function buildViews(outDir: string = BUILT_VIEWS_DIR): Promise<BuiltView[]> {
  mkdirSync(outDir, { recursive: true });
  const styles = await bundleStyles();
  const built: BuiltView[] = [];
  const scripts: string[] = [];
  for (const view of VIEWS) {
    const entry = join(VIEW_SOURCES_DIR, `${view.file}.ts`);
    if (!existsSync(entry)) continue;
    const script = await bundleScript(entry);
    scripts.push(script);
    built.push(write(outDir, view.file, viewHtml({ title: view.title, script, styles })));
  }
  const preview = await bundleScript(join(VIEW_SOURCES_DIR, `${PREVIEW_FILE}.ts`));
  const csp = previewSecurityPolicy(preview, scripts);
  built.push(
    write(outDir, PREVIEW_FILE, viewHtml({ title: 'halo-psa-mcp views', script: preview, styles, csp })),
  );
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildViews(process.argv[2] ?? BUILT_VIEWS_DIR);
  for (const view of built) {
    process.stderr.write(
      `views: ${view.file}.html ${(view.bytes / 1024).toFixed(1)} kB, ${(view.gzipBytes / 1024).toFixed(1)} kB gzipped\n`,
    );
  }
}
