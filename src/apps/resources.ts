import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
  registerAppResource,
} from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/server';
import { BUILT_VIEWS_DIR, VIEW_RESOURCE_META, VIEWS, type ViewEntry, viewForTool } from './catalog.js';

// Registration of the views (MCP Apps): each view is a `ui://` resource that resources/list names
// and resources/read returns, and its tool names it in `_meta.ui.resourceUri`. Hosts without the
// extension ignore both and get the same tool results as ever: the views change no result.

export class ViewNotBuiltError extends Error {
  override readonly name = 'ViewNotBuiltError';
}

const cache = new Map<string, string>();

/** A built view's HTML (read once per process). Throws ViewNotBuiltError before `npm run build`. */
export function viewHtml(view: ViewEntry, dir: string = BUILT_VIEWS_DIR): string {
  const path = join(dir, `${view.file}.html`);
  const cached = cache.get(path);
  if (cached !== undefined) return cached;
  let html: string;
  try {
    html = readFileSync(path, 'utf8');
  } catch {
    throw new ViewNotBuiltError(`The view ${view.uri} is not built; run \`npm run build\`.`);
  }
  cache.set(path, html);
  return html;
}

/** The `_meta` a tool publishes when it has a view; undefined when it has none. */
export function toolViewMeta(tool: string): Record<string, unknown> | undefined {
  const view = viewForTool(tool);
  if (!view) return undefined;
  // The flat legacy key beside `ui.resourceUri`, as ext-apps' registerAppTool writes both.
  return { ui: { resourceUri: view.uri }, [RESOURCE_URI_META_KEY]: view.uri };
}

/** Registers the view of every registered tool that has one. */
export function registerViews(server: McpServer, toolNames: ReadonlySet<string>): void {
  for (const view of VIEWS) {
    if (!toolNames.has(view.tool)) continue;
    registerAppResource(
      server,
      view.file,
      view.uri,
      { title: view.title, description: view.description, _meta: VIEW_RESOURCE_META },
      async () => ({
        contents: [
          { uri: view.uri, mimeType: RESOURCE_MIME_TYPE, text: viewHtml(view), _meta: VIEW_RESOURCE_META },
        ],
      }),
    );
  }
}
