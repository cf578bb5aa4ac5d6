import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../src/mcp/server.js';
import type { LogEntry } from '../../src/simulator/types.js';
import { type GraphQLHarness, startGraphQLHarness } from '../helpers/graphql.js';
import type { TestHaloOptions } from '../helpers/halo.js';

export interface ToolCall {
  result: CallToolResult;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests pick the shape they assert on.
  data: any;
  /** Upstream `/api` requests the call made, from a cold reference cache. */
  requests: LogEntry[];
}

export interface McpHarness extends GraphQLHarness {
  mcp: Client;
  /** Calls a tool from a cold start (empty reference cache, empty request log). */
  call(name: string, args?: Record<string, unknown>): Promise<ToolCall>;
}

/** The simulator, the GraphQL harness over it, and an SDK client talking to our MCP server in memory. */
export async function startMcpHarness(options: TestHaloOptions = {}): Promise<McpHarness> {
  const gql = await startGraphQLHarness(options);
  const server = createMcpServer({ yoga: gql.yoga });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'halo-mcp-test', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  return {
    ...gql,
    mcp,
    async call(name, args = {}) {
      gql.reference.clear();
      gql.resetLog();
      const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
      const first = result.content[0];
      return {
        result,
        text: first?.type === 'text' ? first.text : '',
        data: result.structuredContent,
        requests: gql.requests(),
      };
    },
    async stop() {
      await mcp.close();
      await server.close();
      await gql.stop();
    },
  };
}

/** `GET /api/Tickets?...` lines, for readable request assertions. */
export function paths(requests: LogEntry[]): string[] {
  return requests.map((r) => r.path);
}
