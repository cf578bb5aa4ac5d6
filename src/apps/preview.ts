import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { BUILT_VIEWS_DIR } from './catalog.js';

// GET /views: the preview host page (views/preview.ts, built beside the views). It is a browser
// client of this server's /mcp, so it passes the same Host, Origin and token checks as any other.

export const PREVIEW_PATH = '/views';

let cached: string | undefined;

function previewPage(dir: string): string | undefined {
  if (cached !== undefined) return cached;
  try {
    cached = readFileSync(join(dir, 'preview.html'), 'utf8');
    return cached;
  } catch {
    return undefined;
  }
}

export function servePreview(req: IncomingMessage, res: ServerResponse, dir: string = BUILT_VIEWS_DIR): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Use GET.' }));
    return;
  }
  const page = previewPage(dir);
  if (page === undefined) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The views are not built: run `npm run build`.\n');
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : page);
}
