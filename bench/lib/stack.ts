import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { HaloConfig } from '../../src/config.js';
import { createReferenceCache, type ReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../../src/graphql/yoga.js';
import { createHaloClient, type HaloClient } from '../../src/halo/client.js';
import type { OperationTool } from '../../src/mcp/register.js';
import { createMcpServer, loadTools } from '../../src/mcp/server.js';
import { testHaloConfig } from '../../test/helpers/halo.js';
import type { RemoteSimulator } from './remote-simulator.js';

/**
 * The tests' client settings, with room for the large tenant: no client-side throttling, 4 requests
 * in flight (the default), and lists up to 200,000 rows (the portfolio reads every invoice of the
 * period; the default 10,000 refuses a tenant this size).
 */
export function benchHaloConfig(
  sim: Pick<RemoteSimulator, 'url' | 'authUrl' | 'clientId' | 'clientSecret'>,
): HaloConfig {
  return testHaloConfig(
    { ...sim, tenant: undefined },
    {
      requestTimeoutMs: 60_000,
      retryBudgetMs: 120_000,
      rateLimit: { requests: 10_000_000, windowMs: 300_000 },
      maxListRecords: 200_000,
    },
  );
}

/** A REST client that already holds its token, as a running server does after its first call. */
export async function connectedHaloClient(config: HaloConfig): Promise<HaloClient> {
  const halo = createHaloClient(config);
  await halo.list('statuses');
  return halo;
}

export interface OurServer {
  reference: ReferenceCache;
  yoga: HaloYoga;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

let tools: OperationTool[] | undefined;

/**
 * A fresh server context over a shared REST client: new reference cache, yoga and MCP server,
 * reached by a real SDK client over an in-memory transport. Its first call is cold (empty
 * cross-request cache); later calls find the reference data cached.
 */
export async function startOurServer(halo: HaloClient, today: string): Promise<OurServer> {
  tools ??= loadTools();
  const reference = createReferenceCache(halo, 300_000);
  const yoga = createHaloYoga({ halo, reference, today: () => today });
  const server = createMcpServer({ yoga, tools });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'halo-psa-mcp-bench', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  return {
    reference,
    yoga,
    call: async (name, args) => (await mcp.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await mcp.close();
      await server.close();
    },
  };
}

/** The text of a failed tool result, for error messages. */
export function resultText(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : JSON.stringify(result.content).slice(0, 300);
}
