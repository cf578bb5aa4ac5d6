import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/app-bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/apps/catalog.js';
import { CLIENT_ERAS, connectHttp, connectStdio } from '../helpers/mcp-clients.js';
import { type AppsServer, demoDataset, startAppsServer } from './harness.js';

// The views as MCP resources, through real MCP clients over HTTP: listed and read, named by their
// tools, and invisible to a host that does not announce the MCP Apps extension.

const UI_EXTENSION = 'io.modelcontextprotocol/ui';
const CLI = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));
const REVENUE_VIEW = 'ui://halo-psa-mcp/revenue-breakdown.html';

let server: AppsServer;
let clientId: number;

beforeAll(async () => {
  const { dataset } = demoDataset();
  clientId = dataset.clients.find((c) => !c.inactive && c.id > 1)!.id;
  server = await startAppsServer(dataset);
}, 60_000);
afterAll(() => server?.stop());

/** A v2 client that announces MCP Apps support (as Claude, ChatGPT or VS Code do), or not. */
async function connect(announcesApps: boolean): Promise<Client> {
  const capabilities = announcesApps
    ? { extensions: { [UI_EXTENSION]: { mimeTypes: [RESOURCE_MIME_TYPE] } } }
    : {};
  const client = new Client({ name: announcesApps ? 'apps-host' : 'plain-host', version: '1.0.0' }, {
    capabilities,
  } as ConstructorParameters<typeof Client>[1]);
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.http.url}/mcp`)));
  return client;
}

describe('MCP Apps views as resources', () => {
  it('lists every view of a registered tool with the MCP Apps MIME type and a CSP without network', async () => {
    const client = await connect(true);
    const { tools } = await client.listTools();
    const names = new Set(tools.map((t) => t.name));
    const { resources } = await client.listResources();
    const expected = VIEWS.filter((v) => names.has(v.tool));
    expect(resources.map((r) => r.uri).sort()).toEqual(expected.map((v) => v.uri).sort());
    expect(resources.map((r) => r.uri)).toContain(REVENUE_VIEW);
    for (const resource of resources) {
      expect(resource.mimeType).toBe('text/html;profile=mcp-app');
      expect(resource._meta).toEqual({
        ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true },
      });
    }
    await client.close();
  });

  it('reads each view as one self-contained HTML document, with no upstream request', async () => {
    const client = await connect(true);
    const { resources } = await client.listResources();
    server.halo.sim.log.reset();
    for (const resource of resources) {
      const { contents } = await client.readResource({ uri: resource.uri });
      expect(contents).toHaveLength(1);
      const [content] = contents as Array<{ uri: string; mimeType: string; text: string; _meta: unknown }>;
      expect(content!.uri).toBe(resource.uri);
      expect(content!.mimeType).toBe(RESOURCE_MIME_TYPE);
      expect(content!._meta).toEqual(resource._meta);
      const html = content!.text;
      expect(html.startsWith('<!doctype html>')).toBe(true);
      // nothing loaded from anywhere: no src/href attributes at all, one inline script
      expect(html).not.toMatch(/\s(src|href)\s*=/i);
      expect(html.match(/<script\b/gi)).toHaveLength(1);
      expect(html).toContain("connect-src 'none'");
    }
    expect(server.halo.sim.log.apiRequests()).toEqual([]);
    await client.close();
  });

  it("names the view in the tool's _meta.ui.resourceUri (and the legacy flat key)", async () => {
    for (const era of CLIENT_ERAS) {
      const { client } = await connectHttp(era, server.http.url);
      const { tools } = (await client.listTools()) as { tools: Array<{ name: string; _meta?: unknown }> };
      const revenue = tools.find((t) => t.name === 'revenue_breakdown');
      expect(revenue?._meta).toEqual({ ui: { resourceUri: REVENUE_VIEW }, 'ui/resourceUri': REVENUE_VIEW });
      for (const tool of tools.filter((t) => t._meta !== undefined)) {
        expect(VIEWS.map((v) => v.tool)).toContain(tool.name);
      }
      await client.close();
    }
  });

  it('gives a host that does not announce the extension the same text and structured results', async () => {
    const apps = await connect(true);
    const plain = await connect(false);
    for (const args of [{ client_id: clientId }, {}]) {
      server.halo.sim.log.reset();
      const viaApps = await apps.callTool({ name: 'revenue_breakdown', arguments: args });
      const appsRequests = server.halo.sim.log.apiRequests().length;
      server.halo.sim.log.reset();
      const viaPlain = await plain.callTool({ name: 'revenue_breakdown', arguments: args });
      expect(viaPlain).toEqual(viaApps);
      // text only: no HTML, no embedded resource, whatever the host
      expect((viaPlain.content as Array<{ type: string }>).map((c) => c.type)).toEqual(['text']);
      expect((viaPlain.content as Array<{ text: string }>)[0]!.text).not.toMatch(/<html|<script|ui:\/\//i);
      // the reference cache is warm for the second call, so it costs no more than the first
      expect(server.halo.sim.log.apiRequests().length).toBeLessThanOrEqual(appsRequests);
    }
    await apps.close();
    await plain.close();
  });

  it('serves the preview host page at /views (GET only), beside GraphiQL', async () => {
    const page = await fetch(`${server.http.url}/views`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain("connect-src 'self'");
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    const post = await fetch(`${server.http.url}/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(405);
  });

  // Desktop hosts (Claude Desktop, VS Code) start the built server on stdio.
  it.runIf(existsSync(CLI))(
    'lists and reads the views over stdio from the built server, in both eras',
    async () => {
      for (const era of CLIENT_ERAS) {
        const { client } = await connectStdio(era, {
          command: process.execPath,
          args: [CLI],
          env: {
            PATH: process.env.PATH ?? '',
            HALO_INSTANCE_URL: server.halo.config.instanceUrl,
            HALO_AUTH_URL: server.halo.config.authUrl ?? '',
            HALO_CLIENT_ID: server.halo.config.clientId,
            HALO_CLIENT_SECRET: server.halo.config.clientSecret,
            HALO_LOG_LEVEL: 'error',
          },
        });
        const viaStdio = client as unknown as Pick<Client, 'listResources' | 'readResource'>;
        try {
          const { resources } = await viaStdio.listResources();
          expect(resources.map((r) => r.uri)).toContain(REVENUE_VIEW);
          const { contents } = await viaStdio.readResource({ uri: REVENUE_VIEW });
          expect((contents[0] as { mimeType: string }).mimeType).toBe(RESOURCE_MIME_TYPE);
          expect((contents[0] as { text: string }).text).toContain("connect-src 'none'");
        } finally {
          await client.close();
        }
      }
    },
    60_000,
  );
});
