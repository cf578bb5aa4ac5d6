import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer, loadTools } from '../../src/mcp/server.js';
import { createHttpServer, listen, type RunningHttpServer } from '../../src/server/http.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, findLeaks, type McpStack, nonGetApiRequests, startSim, within } from './harness.js';

// The real HTTP transport on loopback under 50 concurrent clients: no errors, heap flat, and
// strangers (no token, wrong Host) refused throughout, without a single request reaching Halo.
// Loads are counted in requests, not seconds, so the upstream counts are exact; ~5 s in all.

const TOKEN = 'load-test-token-3b8f1c9e';
const CONNECTIONS = 50;
const LOAD = { warmUp: 150, mcp: 600, strangers: 150, graphql: 600 } as const;
/** Heap growth allowed across the measured load, after full collections: generous, a leak is MBs per 100 requests. */
const HEAP_GROWTH_LIMIT_MB = 40;

let sim: RunningSimulator;
let stack: McpStack;
let server: RunningHttpServer;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

beforeAll(async () => {
  sim = await startSim();
  stack = await connectMcp(sim);
  const tools = loadTools();
  const { yoga, observed } = stack;
  const app = {
    yoga,
    logger: observed.logger,
    version: 'load-test',
    createMcpServer: () => createMcpServer({ yoga, tools, logger: observed.logger }),
  };
  const config = { host: '127.0.0.1', port: 0, accessToken: TOKEN, allowedOrigins: [] };
  server = await listen(createHttpServer(app, config), '127.0.0.1', 0);
});
afterAll(async () => {
  await server?.close();
  await stack?.close();
  await sim?.stop();
});

const AUTH = { authorization: `Bearer ${TOKEN}` };
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const TOOL_CALL = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'list_clients', arguments: {} },
});

function load(
  path: string,
  amount: number,
  headers: Record<string, string>,
  body = TOOL_CALL,
  connections = CONNECTIONS,
) {
  return autocannon({
    url: `${server.url}${path}`,
    method: 'POST',
    connections,
    amount,
    timeout: 10,
    headers: { ...JSON_HEADERS, ...headers },
    body,
  });
}

const statusCount = (result: autocannon.Result, status: number) =>
  result.statusCodeStats?.[`${status}`]?.count ?? 0;

function expectAllServed(result: autocannon.Result, amount: number): void {
  const { errors, timeouts, non2xx } = result;
  expect({ errors, timeouts, non2xx, ok: result['2xx'] }).toEqual({
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    ok: amount,
  });
}

describe('HTTP transport under load', () => {
  it('serves 50 concurrent MCP clients without an error and with a flat heap, refusing strangers throughout', async () => {
    await load('/mcp', LOAD.warmUp, AUTH);
    const heapBefore = heapMb();
    sim.log.reset();
    const merged = stack.client.stats().mergedReads;

    const [served, noToken, wrongToken, wrongHost] = await within(
      60_000,
      Promise.all([
        load('/mcp', LOAD.mcp, AUTH),
        load('/mcp', LOAD.strangers, {}, TOOL_CALL, 10),
        load('/mcp', LOAD.strangers, { authorization: 'Bearer not-the-token' }, TOOL_CALL, 10),
        load('/mcp', LOAD.strangers, { ...AUTH, host: 'attacker.example' }, TOOL_CALL, 10),
      ]),
    );
    const heapAfter = heapMb();

    expectAllServed(served, LOAD.mcp);
    expect(statusCount(noToken, 401)).toBe(LOAD.strangers);
    expect(statusCount(wrongToken, 401)).toBe(LOAD.strangers);
    expect(statusCount(wrongHost, 403)).toBe(LOAD.strangers);
    // One Halo read per served tool call, none for the strangers. Identical calls in flight at
    // once share a read, so each call either reached Halo or joined a read that did.
    const reads = sim.log.apiRequests().length;
    expect(reads).toBeGreaterThan(0);
    expect(reads + stack.client.stats().mergedReads - merged).toBe(LOAD.mcp);
    expect(nonGetApiRequests(sim)).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  });

  it('serves /graphql to 50 concurrent clients from one cached Halo read', async () => {
    stack.reference.clear();
    sim.log.reset();
    const query = JSON.stringify({ query: '{ statuses { id name } }' });
    const [served, noToken] = await within(
      60_000,
      Promise.all([
        load('/graphql', LOAD.graphql, AUTH, query),
        load('/graphql', LOAD.strangers, {}, query, 10),
      ]),
    );
    expectAllServed(served, LOAD.graphql);
    expect(statusCount(noToken, 401)).toBe(LOAD.strangers);
    expect(sim.log.apiRequests().map((e) => e.path)).toEqual(['/api/Status']);
  });

  it('answered and logged nothing that carries the client secret or a Halo token', async () => {
    const answers = await Promise.all(
      ['/mcp', '/graphql'].map(async (path) => {
        const body = path === '/mcp' ? TOOL_CALL : JSON.stringify({ query: '{ statuses { id name } }' });
        const response = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, ...AUTH },
          body,
        });
        return response.text();
      }),
    );
    expect(stack.observed.tokens.size).toBeGreaterThan(0);
    expect(findLeaks([...answers, ...stack.observed.logs], stack.observed.tokens)).toEqual([]);
  });
});
