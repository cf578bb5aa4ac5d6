import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { schema } from '../../src/graphql/schema/index.js';
import { DEFAULT_UPSTREAM_BUDGET, estimateUpstreamRequests } from '../../src/graphql/upstream-cost.js';
import { createHaloYoga } from '../../src/graphql/yoga.js';
import { createMcpServer, loadTools } from '../../src/mcp/server.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, type McpStack, startSim, textOf } from './harness.js';

// The GraphQL limits count records; Halo's budget counts requests. A query inside every record
// limit that fans out through per-row reads must be refused before its first Halo request, and
// every shipped tool, at its defaults and at its largest arguments, must stay under the budget.

/** Per client a page of tickets, per ticket its action history: one read per row at two levels. */
const FAN_OUT = `{
  clients(page: { pageSize: 100 }) {
    items { id name tickets(page: { pageSize: 8 }) { items { id actions(page: { pageSize: 1 }) { totalCount } } } }
  }
}`;

let sim: RunningSimulator;
let stack: McpStack;

beforeAll(async () => {
  sim = await startSim({ dataset: generateDataset({ size: 'demo', seed: 11, today: '2026-11-24' }) });
  stack = await connectMcp(sim);
});
afterAll(async () => {
  await stack?.close();
  await sim?.stop();
});

async function graphql(yoga: McpStack['yoga'], query: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the shape it asserts.
  return (await response.json()) as any;
}

describe('cost in Halo requests', () => {
  it('really does fan out: without a budget the query makes hundreds of Halo requests', async () => {
    const reference = createReferenceCache(stack.client, stack.config.referenceTtlMs);
    const unbudgeted = createHaloYoga({
      halo: stack.client,
      reference,
      today: () => sim.data.today,
      upstreamBudget: { perCall: 1_000_000, portfolio: 1_000_000 },
    });
    sim.log.reset();
    const answer = await graphql(unbudgeted, FAN_OUT);
    expect(answer.errors).toBeUndefined();
    const made = sim.log.count();
    expect(made).toBeGreaterThan(DEFAULT_UPSTREAM_BUDGET.perCall * 3);
    const estimate = estimateUpstreamRequests(schema, (await import('graphql')).parse(FAN_OUT));
    // An upper bound: this tenant has fewer clients and tickets than the pages could hold.
    expect(estimate.requests).toBeGreaterThanOrEqual(made);
  });

  it('refuses the fan-out query before any Halo request, saying how to narrow it', async () => {
    sim.log.reset();
    const answer = await graphql(stack.yoga, FAN_OUT);
    expect(sim.log.count()).toBe(0);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.errors[0].message).toMatch(/about \d+ Halo API requests; one call may make at most 60/);
    expect(answer.errors[0].message).toContain('clients.items.tickets.items.actions');
    expect(answer.errors[0].message).toMatch(/smaller pages/);
  });

  it('counts variables: the same shape with page sizes given as variables is refused too', async () => {
    const query = `query q($n: Int = 100) { tickets(page: { pageSize: $n }) { items { id actions(page: { pageSize: 1 }) { totalCount } } } }`;
    const response = await stack.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { n: 5 } }),
    });
    sim.log.reset();
    expect(((await response.json()) as { errors?: unknown }).errors).toEqual(undefined);
    const refused = await graphql(stack.yoga, query);
    expect(sim.log.count()).toBe(0);
    expect(refused.errors[0].message).toMatch(/Halo API requests/);
  });

  it('allows every shipped tool at its defaults and at its largest arguments', () => {
    const maxima: Record<string, unknown> = { page_size: 100, limit: 500, page: 1 };
    for (const { operation: tool } of loadTools()) {
      const ids = tool.variables.filter((v) => v.name === 'id' || v.name.endsWith('_id'));
      const required = Object.fromEntries(ids.filter((v) => v.required).map((v) => [v.name, 1]));
      const allIds = Object.fromEntries(ids.map((v) => [v.name, 1]));
      const largest = Object.fromEntries(
        tool.variables.filter((v) => v.name in maxima).map((v) => [v.name, maxima[v.name]]),
      );
      for (const variables of [required, { ...required, ...largest }, { ...allIds, ...largest }]) {
        const estimate = estimateUpstreamRequests(schema, tool.document, variables, tool.name);
        const limit = estimate.portfolio
          ? DEFAULT_UPSTREAM_BUDGET.portfolio
          : DEFAULT_UPSTREAM_BUDGET.perCall;
        expect({
          tool: tool.name,
          variables,
          requests: estimate.requests <= limit ? 'ok' : estimate.requests,
        }).toEqual({
          tool: tool.name,
          variables,
          requests: 'ok',
        });
      }
    }
  });

  it('turns a refusal into a clear tool error, under a configured budget, before any request', async () => {
    const yoga = createHaloYoga({
      halo: stack.client,
      reference: createReferenceCache(stack.client, stack.config.referenceTtlMs),
      today: () => sim.data.today,
      upstreamBudget: { perCall: 10, portfolio: 10 },
    });
    const server = createMcpServer({ yoga, logger: stack.observed.logger });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const mcp = new Client({ name: 'budget-test', version: '1.0.0' });
    await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
    try {
      sim.log.reset();
      const result = (await mcp.callTool({
        name: 'list_actions',
        arguments: { client_id: sim.data.clients[0]!.id },
      })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/about 5\d Halo API requests; one call may make at most 10/);
      expect(sim.log.count()).toBe(0);
    } finally {
      await mcp.close();
      await server.close();
    }
  });

  it('runs list_actions for a client at the largest page (the scan of 50 tickets) through MCP', async () => {
    const result = await stack.call('list_actions', { client_id: sim.data.clients[0]!.id, page_size: 100 });
    expect(result.result.isError).toBeFalsy();
  });
});
