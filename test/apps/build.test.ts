import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltView, buildViews } from '../../src/apps/build-views.js';
import { VIEWS } from '../../src/apps/catalog.js';

// The bundle step: one self-contained HTML file per view, its one script allowed by hash and
// nothing else, within the size a host loads without noticing.

const GZIP_AIM = 150 * 1024;

let dir: string;
let built: BuiltView[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'halo-views-'));
  built = await buildViews(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scriptOf = (html: string) => /<script type="module">([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
const policyOf = (html: string) =>
  /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('view build', () => {
  it('builds every view of the catalog, and the preview host page', () => {
    expect(built.map((b) => b.file)).toEqual([...VIEWS.map((v) => v.file), 'preview']);
  });

  it('keeps each view under 150 kB gzipped', () => {
    for (const view of built)
      expect({ file: view.file, under: view.gzipBytes < GZIP_AIM }).toEqual({ file: view.file, under: true });
  });

  it('allows exactly the inline script by hash, and no network, frame, form or base', () => {
    for (const view of built.filter((b) => b.file !== 'preview')) {
      const html = readFileSync(view.path, 'utf8');
      const policy = policyOf(html).split('; ');
      expect(policy).toEqual([
        "default-src 'none'",
        `script-src ${hashOf(scriptOf(html))}`,
        "style-src 'unsafe-inline'",
        'img-src data:',
        'font-src data:',
        "connect-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
      ]);
      expect(html.match(/<script\b/gi)).toHaveLength(1);
      expect(html).not.toMatch(/\s(src|href)\s*=/i);
    }
  });

  it("lets the preview host reach only its own origin, and run the views' scripts in its frames", () => {
    const preview = readFileSync(built.at(-1)!.path, 'utf8');
    const policy = policyOf(preview);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain(hashOf(scriptOf(preview)));
    for (const view of built.slice(0, -1))
      expect(policy).toContain(hashOf(scriptOf(readFileSync(view.path, 'utf8'))));
  });
});
