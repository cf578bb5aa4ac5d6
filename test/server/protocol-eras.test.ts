import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTools } from '../../src/mcp/server.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { VERSION } from '../../src/server/version.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';
import { type HttpApp, startHttpApp } from '../helpers/http-app.js';
import {
  CLIENT_ERAS,
  type Connected,
  connectHttp,
  connectStdio,
  negotiatedVersion,
} from '../helpers/mcp-clients.js';
import { oneCallPerTool } from '../helpers/tool-calls.js';

// Both protocol eras on one stateless HTTP endpoint and on stdio: the SDK v2 client at 2026-07-28
// and the v1 client at 2025-11-25 and 2025-06-18 list and call every tool; raw JSON-RPC probes
// check what each era's wire carries.

const CLI = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));
const TOOL_NAMES = loadTools()
  .map((t) => t.operation.name)
  .sort();

let halo: TestHalo;
let http: RunningHttpServer;
let served: HttpApp;

beforeAll(async () => {
  halo = await startTestHalo({ dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }) });
  served = await startHttpApp(halo);
  http = served.http;
});

afterAll(async () => {
  await served?.close();
  await halo?.stop();
});

async function listsAndCallsEveryTool({ client, received }: Connected, version: string): Promise<void> {
  expect(negotiatedVersion(client, received)).toBe(version);
  const { tools } = await client.listTools();
  // The order is the server's own (sorted by name), the same on every call.
  expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
  const calls = oneCallPerTool(halo.sim.data);
  expect(calls.map((c) => c.name).sort()).toEqual(TOOL_NAMES);
  for (const call of calls) {
    const result = (await client.callTool(call)) as { isError?: boolean; content: Array<{ text?: string }> };
    expect({
      tool: call.name,
      isError: result.isError ?? false,
      text: result.content[0]?.text?.slice(0, 200),
    }).toMatchObject({ tool: call.name, isError: false });
    expect(result).toHaveProperty('structuredContent');
  }
}

describe.each(CLIENT_ERAS)('SDK $sdk client at $version', (era) => {
  it('lists and calls every tool over HTTP', async () => {
    const connected = await connectHttp(era, http.url);
    try {
      await listsAndCallsEveryTool(connected, era.version);
    } finally {
      await connected.client.close();
    }
  });

  it('lists and calls every tool over stdio (the built server)', async () => {
    if (!existsSync(CLI)) throw new Error('dist/server/cli.js is missing: run `npm run build` first');
    const connected = await connectStdio(era, {
      command: process.execPath,
      args: [CLI],
      env: {
        PATH: process.env.PATH ?? '',
        HALO_INSTANCE_URL: halo.config.instanceUrl,
        HALO_AUTH_URL: halo.config.authUrl ?? '',
        HALO_CLIENT_ID: halo.config.clientId,
        HALO_CLIENT_SECRET: halo.config.clientSecret,
        HALO_LOG_LEVEL: 'error',
      },
    });
    try {
      await listsAndCallsEveryTool(connected, era.version);
    } finally {
      await connected.client.close();
    }
  });
});

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-probe', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

interface RawAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: probes pick the shape they assert on.
  message: any;
}

/** One JSON-RPC POST; the answer is read from a JSON body or the last SSE `data:` line. */
async function post(body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${http.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = response.headers.get('content-type')?.startsWith('text/event-stream')
    ? text
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .at(-1)
        ?.slice(6)
    : text;
  return { status: response.status, message: JSON.parse(data ?? 'null') };
}

function modern(id: number, method: string, params: Record<string, unknown> = {}, name?: string) {
  return post(
    { jsonrpc: '2.0', id, method, params: { ...params, _meta: ENVELOPE } },
    {
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': method,
      ...(name ? { 'mcp-name': name } : {}),
    },
  );
}

describe('raw JSON-RPC probes on /mcp', () => {
  it('answers server/discover with the 2026 header: a discover result naming 2026-07-28', async () => {
    const { status, message } = await modern(1, 'server/discover');
    expect(status).toBe(200);
    expect(message.result.supportedVersions).toContain('2026-07-28');
    expect(message.result.resultType).toBe('complete');
    expect(message.result.capabilities.tools).toEqual({ listChanged: false });
    expect(message.result.instructions).toMatch(/^Read-only access to a Halo PSA instance/);
    expect(message.result._meta['io.modelcontextprotocol/serverInfo']).toEqual({
      name: 'halo-psa-mcp',
      version: VERSION,
    });
  });

  it('gives a 2026 tools/list its resultType and true cache hints, in a stable order', async () => {
    const first = await modern(2, 'tools/list');
    expect(first.status).toBe(200);
    expect(first.message.result).toMatchObject({
      resultType: 'complete',
      ttlMs: 3_600_000,
      cacheScope: 'public',
    });
    expect(first.message.result.tools.map((t: { name: string }) => t.name)).toEqual(TOOL_NAMES);
    const second = await modern(3, 'tools/list');
    expect(JSON.stringify(second.message.result.tools)).toBe(JSON.stringify(first.message.result.tools));
  });

  it('calls a tool on 2026 with the Mcp-Method and Mcp-Name headers; its result is not cacheable', async () => {
    const { status, message } = await modern(
      4,
      'tools/call',
      { name: 'list_agents', arguments: {} },
      'list_agents',
    );
    expect(status).toBe(200);
    expect(message.result.resultType).toBe('complete');
    expect(message.result.isError).toBeUndefined();
    expect(message.result).not.toHaveProperty('ttlMs');
    expect(message.result).not.toHaveProperty('cacheScope');
  });

  it('refuses a 2026 request whose Mcp-Method header disagrees with its body (-32020)', async () => {
    const { status, message } = await post(
      { jsonrpc: '2.0', id: 5, method: 'tools/list', params: { _meta: ENVELOPE } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' },
    );
    expect(status).toBe(400);
    expect(message.error.code).toBe(-32020);
  });

  it('answers prompts/list and resources/list on both eras rather than method-not-found', async () => {
    for (const method of ['prompts/list', 'resources/list']) {
      const now = await modern(6, method);
      expect(now.message.error).toBeUndefined();
      const legacy = await post({ jsonrpc: '2.0', id: 7, method }, { 'mcp-protocol-version': '2025-06-18' });
      expect(legacy.message.error).toBeUndefined();
    }
    expect((await modern(8, 'resources/list')).message.result.resources).toEqual([]);
  });

  it.each(['2025-11-25', '2025-06-18', '2025-03-26'])(
    'echoes a legacy initialize at %s with that version and the server version',
    async (version) => {
      const { status, message } = await post({
        jsonrpc: '2.0',
        id: 9,
        method: 'initialize',
        params: {
          protocolVersion: version,
          capabilities: {},
          clientInfo: { name: 'raw-probe', version: '1.0.0' },
        },
      });
      expect(status).toBe(200);
      expect(message.result.protocolVersion).toBe(version);
      expect(message.result.serverInfo).toEqual({ name: 'halo-psa-mcp', version: VERSION });
      expect(message.result.capabilities.tools).toEqual({ listChanged: false });
    },
  );
});
