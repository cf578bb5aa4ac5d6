import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../src/config.js';
import { createMcpServer, loadTools } from '../../src/mcp/server.js';
import { createHttpServer, listen, type RunningHttpServer } from '../../src/server/http.js';
import { SERVER_TIMEOUTS } from '../../src/server/limits.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, type McpStack, startSim, within } from './harness.js';

// What a web page, a form or a careless client can make reach the HTTP transport: cross-site
// reads that would spend the Halo budget, bodies without end, connections without number. Each
// is refused before a single Halo request.

let sim: RunningSimulator;
let stack: McpStack;
const servers: RunningHttpServer[] = [];

beforeAll(async () => {
  sim = await startSim();
  stack = await connectMcp(sim);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await stack?.close();
  await sim?.stop();
});

async function serve(overrides: Partial<ServerConfig> = {}): Promise<RunningHttpServer> {
  const tools = loadTools();
  const { yoga, observed } = stack;
  const app = {
    yoga,
    logger: observed.logger,
    version: 'edge-test',
    createMcpServer: () => createMcpServer({ yoga, tools, logger: observed.logger }),
  };
  const config: ServerConfig = { host: '127.0.0.1', port: 0, allowedOrigins: [], ...overrides };
  const server = await listen(createHttpServer(app, config), '127.0.0.1', 0);
  servers.push(server);
  return server;
}

const CLIENTS_QUERY = '{ clients(page: { pageSize: 100 }) { items { id name } } }';
/** What an `<img src>` on another site sends: a plain GET, no Origin, marked cross-site by the browser. */
const IMAGE_TAG = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };

/** A browser following a link from another site (fetch would replace Sec-Fetch-Mode). */
function navigate(url: string): Promise<{ status: number; body: string }> {
  const headers = { accept: 'text/html', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function answered(response: Response) {
  return { status: response.status, body: await response.text() };
}

describe('cross-site requests', () => {
  it('refuses a cross-site GET query (image tag, no Origin) without a Halo request', async () => {
    const server = await serve();
    sim.log.reset();
    const url = `${server.url}/graphql?query=${encodeURIComponent(CLIENTS_QUERY)}`;
    const fromImage = await answered(await fetch(url, { headers: IMAGE_TAG }));
    expect(fromImage.status).toBe(403);
    expect(fromImage.body).toContain('Cross-site request refused');
    // An old browser sends no Sec-Fetch-Site at all: GET queries are off by default anyway.
    const plain = await answered(await fetch(url));
    expect(plain.status).toBe(405);
    expect(plain.body).toContain('HALO_MCP_GRAPHQL_GET');
    // A link to GraphiQL from another site still opens the page (it runs nothing by itself).
    const link = await navigate(`${server.url}/graphql`);
    expect(link.status).toBe(200);
    expect(link.body).toContain('<html');
    expect((await navigate(url)).status).toBe(403);
    expect(sim.log.count()).toBe(0);
  });

  it('serves GET queries only when enabled, and then only with the CSRF header', async () => {
    const server = await serve({ allowGetQueries: true });
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ statuses { id } }')}`;
    sim.log.reset();
    const bare = await answered(await fetch(url));
    expect(bare.status).toBe(403);
    expect(bare.body).toContain('CSRF');
    expect(sim.log.count()).toBe(0);
    const withHeader = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
    expect(
      ((await withHeader.json()) as { data: { statuses: unknown[] } }).data.statuses.length,
    ).toBeGreaterThan(0);
  });

  it('refuses form-style POSTs (simple content types) to /graphql and /mcp without a Halo request', async () => {
    const server = await serve();
    sim.log.reset();
    const graphqlBody = JSON.stringify({ query: CLIENTS_QUERY });
    const toolCall = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_clients', arguments: {} },
    });
    for (const [path, body] of [
      ['/graphql', graphqlBody],
      ['/mcp', toolCall],
    ] as const) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const response = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': type, accept: 'application/json, text/event-stream' },
          body,
        });
        expect({ path, type, status: response.status }).toEqual({ path, type, status: 415 });
      }
    }
    expect(sim.log.count()).toBe(0);
  });

  it('refuses a cross-site POST unless its origin is allowed', async () => {
    const allowed = 'http://dashboard.example';
    const server = await serve({ allowedOrigins: [allowed] });
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ statuses { id } }' }),
      });
    sim.log.reset();
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(sim.log.count()).toBe(0);
    expect((await post({ 'sec-fetch-site': 'cross-site', origin: allowed })).status).toBe(200);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

/** A raw connection, for what fetch cannot do: stop half-way through a body, hold a socket open. */
function openSocket(server: RunningHttpServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

async function healthOnceFree(server: RunningHttpServer): Promise<number> {
  for (;;) {
    try {
      return (await fetch(`${server.url}/health`, { headers: { connection: 'close' } })).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('bounds', () => {
  it('cuts an oversized /mcp body off while it streams, never reading it to the end', async () => {
    const server = await serve();
    const socket = await openSocket(server);
    socket.on('error', () => {});
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    // Chunked: no declared length to refuse up front, so the cap must hold while reading.
    socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\n` +
        'Accept: application/json, text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    // Write up to 64 MB, stopping as soon as the answer is in: it must come after about 1 MB.
    while (sent < 64 * 1024 * 1024 && !received.includes('413') && !socket.destroyed) {
      const ok =
        socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
      sent += chunk.length;
      if (!ok)
        await within(5_000, new Promise((resolve) => socket.once('drain', resolve).once('close', resolve)));
    }
    await within(5_000, closed(socket));
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received).toContain('Request body too large.');
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses an /mcp body that declares more than the cap without reading it', async () => {
    const server = await serve();
    const socket = await openSocket(server);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 300000000\r\n\r\n{"jsonrpc":',
    );
    await within(5_000, closed(socket));
    expect(received).toMatch(/^HTTP\/1\.1 413/);
  });

  it('caps concurrent connections', async () => {
    const server = await serve({ maxConnections: 2 });
    const held = [await openSocket(server), await openSocket(server)];
    const third = await openSocket(server);
    third.on('error', () => {});
    third.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    let answer = '';
    third.on('data', (c: Buffer) => {
      answer += c.toString('utf8');
    });
    await within(5_000, closed(third));
    expect(answer).toBe('');
    held[0]!.destroy();
    await closed(held[0]!);
    // The server counts the freed slot when it sees the close: retry for a bounded while.
    const health = await within(5_000, healthOnceFree(server));
    expect(health).toBe(200);
    held[1]!.destroy();
  });

  it('sets its connection and header timeouts explicitly', async () => {
    const server = await serve();
    expect(server.server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(server.server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
    expect(server.server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeout);
    expect(server.server.maxConnections).toBe(256);
  });
});
