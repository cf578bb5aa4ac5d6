import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig, ServerConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import {
  createHttpServer,
  HttpSecurityError,
  listen,
  type RunningHttpServer,
} from '../../src/server/http.js';
import { VERSION } from '../../src/server/version.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';

const TOKEN = 'http-test-token-5f3a9c';
const ALLOWED_ORIGIN = 'http://dashboard.example';

let halo: TestHalo;
let app: App;
let open: RunningHttpServer;
let guarded: RunningHttpServer;

function serverConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { host: '127.0.0.1', port: 0, allowedOrigins: [ALLOWED_ORIGIN], ...overrides };
}

beforeAll(async () => {
  halo = await startTestHalo({ dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }) });
  const config: AppConfig = { halo: halo.config, server: serverConfig(), demo: false, logLevel: 'error' };
  app = await createApp(config, { logger: silentLogger });
  open = await listen(createHttpServer(app, config.server), '127.0.0.1', 0);
  guarded = await listen(createHttpServer(app, serverConfig({ accessToken: TOKEN })), '127.0.0.1', 0);
});

afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await app?.close();
  await halo?.stop();
});

const sim = (): RunningSimulator => halo.sim;

/** A raw request, so the Host header can be set (fetch forbids it). */
const STATUSES = JSON.stringify({ query: '{ statuses { id } }' });

function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function mcpClient(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }),
  );
  return client;
}

describe('HTTP transport', () => {
  it('serves MCP over stateless Streamable HTTP', async () => {
    const client = await mcpClient(open.url);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('list_tickets');
      sim().log.reset();
      const result = await client.callTool({ name: 'list_clients', arguments: { page_size: 100 } });
      const active = sim().data.clients.filter((c) => !c.inactive);
      expect(result.structuredContent).toMatchObject({
        clients: { totalCount: active.length },
        truncated: false,
      });
      expect(sim().log.count()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('answers GraphQL on /graphql and serves GraphiQL to a browser', async () => {
    const response = await fetch(`${open.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ clients(includeInactive: true) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { clients: { totalCount: sim().data.clients.length } } });
    const page = await fetch(`${open.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
  });

  it('reports health without touching Halo, even when a token is required', async () => {
    sim().log.reset();
    for (const server of [open, guarded]) {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        version: VERSION,
        state: { backend: 'memory', status: 'ok', since: expect.any(String) },
      });
    }
    expect(sim().log.entries).toHaveLength(0);
  });

  it('answers 404 elsewhere and 405 to a GET on the stateless /mcp', async () => {
    expect((await fetch(`${open.url}/nope`)).status).toBe(404);
    expect((await fetch(`${open.url}/mcp`, { headers: { accept: 'text/event-stream' } })).status).toBe(405);
  });

  it('refuses an oversized MCP body', async () => {
    const response = await raw(`${open.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1_100_000),
    });
    expect(response.status).toBe(413);
  });

  it('refuses an oversized GraphQL body, and a GraphQL POST that declares no length', async () => {
    const before = sim().log.apiRequests().length;
    const big = await raw(`${open.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ statuses { id } }${' '.repeat(1_100_000)}` }),
    });
    expect(big.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${open.url}/graphql`);
      const headers = { 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ statuses { id } }' }));
    });
    expect(chunked).toBe(411);
    expect(sim().log.apiRequests().length).toBe(before);
  });
});

describe('HTTP security', () => {
  it('refuses to build a non-loopback server without a token', () => {
    expect(() => createHttpServer(app, serverConfig({ host: '0.0.0.0' }))).toThrow(HttpSecurityError);
    expect(() => createHttpServer(app, serverConfig({ host: '0.0.0.0', accessToken: TOKEN }))).not.toThrow();
  });

  it('asks for the bearer token on every endpoint but /health', async () => {
    for (const path of ['/mcp', '/graphql']) {
      const missing = await raw(`${guarded.url}${path}`, { method: 'POST', body: '{}' });
      expect(missing.status).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      const wrong = await raw(`${guarded.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}x` },
        body: '{}',
      });
      expect(wrong.status).toBe(401);
    }
  });

  it('serves MCP to a client with the right bearer token', async () => {
    const client = await mcpClient(guarded.url, { authorization: `Bearer ${TOKEN}` });
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('refuses a Host header that is not the bound host (DNS rebinding)', async () => {
    const response = await raw(`${open.url}/graphql`, { headers: { host: 'evil.example' } });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error).toBe('Host evil.example is not served here.');
    const local = await raw(`${open.url}/graphql`, {
      method: 'POST',
      headers: { host: `localhost:${open.port}`, 'content-type': 'application/json' },
      body: STATUSES,
    });
    expect(local.status).toBe(200);
  });

  it('refuses a foreign Origin and opens CORS only to configured origins', async () => {
    const foreign = await raw(`${open.url}/mcp`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const preflight = await raw(`${open.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    const sameOrigin = await raw(`${open.url}/graphql`, {
      method: 'POST',
      headers: { origin: open.url, 'content-type': 'application/json' },
      body: STATUSES,
    });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });
});
