import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { HaloConfig } from '../../src/config.js';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga } from '../../src/graphql/yoga.js';
import type { CallScope, UpstreamEvent } from '../../src/halo/call-scope.js';
import { createHaloClient, type HaloClient, type HaloClientOptions } from '../../src/halo/client.js';
import { createMcpServer, loadTools } from '../../src/mcp/server.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { FAST_BACKOFF, testHaloConfig } from '../helpers/halo.js';
import { textOf } from './harness.js';

/** What one GraphQL request (one tool call's operation) did upstream, from its call scope's events. */
export interface CallRecord {
  reads: number;
  queued: number[];
}

/** One server process (one Halo client, one yoga) with many MCP clients, each on its own connection. */
export interface ManyClients {
  config: HaloConfig;
  client: HaloClient;
  /** Upstream events per GraphQL request, in the order the requests began. */
  calls: CallRecord[];
  call(
    index: number,
    name: string,
    args?: Record<string, unknown>,
  ): Promise<{ result: CallToolResult; text: string }>;
  close(): Promise<void>;
}

export async function connectClients(
  sim: Pick<RunningSimulator, 'url' | 'authUrl' | 'clientId' | 'clientSecret' | 'tenant' | 'data'>,
  count: number,
  options: { config?: Partial<HaloConfig>; clientOptions?: HaloClientOptions } = {},
): Promise<ManyClients> {
  const config = testHaloConfig(sim, options.config);
  const client = createHaloClient(config, { backoff: FAST_BACKOFF, ...options.clientOptions });
  const calls: CallRecord[] = [];
  // Every GraphQL request binds a reader to its scope: count that request's upstream events.
  const counted = {
    ...client,
    forCall: (scope: CallScope) => {
      const record: CallRecord = { reads: 0, queued: [] };
      calls.push(record);
      const onUpstream = (event: UpstreamEvent) => {
        if (event.kind === 'read') record.reads++;
        else record.queued.push(event.waitMs);
        scope.onUpstream?.(event);
      };
      return client.forCall({ ...scope, onUpstream });
    },
  };
  const reference = createReferenceCache(client, config.referenceTtlMs);
  const yoga = createHaloYoga({ halo: counted, reference, today: () => sim.data.today });
  const tools = loadTools();
  const pairs = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createMcpServer({ yoga, tools });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const mcp = new Client({ name: 'budget-test', version: '1.0.0' });
      await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
      return { server, mcp };
    }),
  );
  return {
    config,
    client,
    calls,
    async call(index, name, args = {}) {
      const result = (await pairs[index]!.mcp.callTool({ name, arguments: args })) as CallToolResult;
      return { result, text: textOf(result) };
    },
    async close() {
      for (const { mcp, server } of pairs) {
        await mcp.close();
        await server.close();
      }
      client.close();
    },
  };
}
