import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildViews } from '../src/apps/build-views.js';
import { heading, note, num, printTable } from './lib/table.js';

/** Each MCP Apps view as a host receives it from resources/read: one HTML file, raw and gzipped. */
export async function viewsSection(): Promise<void> {
  heading('MCP Apps views: size of each self-contained HTML file');
  const dir = mkdtempSync(join(tmpdir(), 'halo-views-bench-'));
  try {
    const started = Date.now();
    const built = await buildViews(dir);
    const buildMs = Date.now() - started;
    printTable(
      ['file', 'bytes', 'kB', 'gzipped kB', 'under the 150 kB gzipped aim'],
      built.map((view) => [
        `${view.file}.html`,
        num(view.bytes),
        num(view.bytes / 1024, 1),
        num(view.gzipBytes / 1024, 1),
        view.gzipBytes < 150 * 1024 ? 'yes' : 'NO',
      ]),
    );
    note(
      `Built in ${num(buildMs)} ms (esbuild, minified; Chartist and the ext-apps view client bundled in; preview.html is the /views host page, not a view).`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
