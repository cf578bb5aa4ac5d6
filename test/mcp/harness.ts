import { type CallToolResult, Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
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

export const MODERN = { mode: { pin: '2026-07-28' } } as const;

/**
 * The simulator, the GraphQL harness over it, and an SDK v2 client talking to our MCP server in
 * memory, served by the SDK's era-deciding entry (the one stdio uses): 2026-07-28 unless `legacy`.
 */
export async function startMcpHarness(
  options: TestHaloOptions & { legacy?: boolean } = {},
): Promise<McpHarness> {
  const gql = await startGraphQLHarness(options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const served = serveStdio(() => createMcpServer({ yoga: gql.yoga }), { transport: serverSide });
  const mcp = new Client(
    { name: 'halo-mcp-test', version: '1.0.0' },
    options.legacy ? {} : { versionNegotiation: MODERN },
  );
  await mcp.connect(clientSide);
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
      await served.close();
      await gql.stop();
    },
  };
}

/** `GET /api/Tickets?...` lines, for readable request assertions. */
export function paths(requests: LogEntry[]): string[] {
  return requests.map((r) => r.path);
}
