import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import type { HaloConfig } from '../../src/config.js';
import { createReferenceCache, type ReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../../src/graphql/yoga.js';
import { createHaloClient, type HaloClient, type HaloClientOptions } from '../../src/halo/client.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createMcpServer } from '../../src/mcp/server.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { LogEntry, RunningSimulator, SimulatorOptions } from '../../src/simulator/types.js';
import { FAST_BACKOFF, TEST_CLIENT_ID, TEST_CLIENT_SECRET, testHaloConfig } from '../helpers/halo.js';

/** The generated data every robustness test reads (injection texts included), pinned to one day. */
export function robustnessDataset(size: 'tiny' | 'demo' = 'tiny'): Dataset {
  return generateDataset({ size, seed: 11, today: '2026-11-24' });
}

/** A simulator with the test credentials and no server-side rate limit unless asked. Stop it in afterAll. */
export function startSim(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({
    dataset: robustnessDataset(),
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    rateLimit: false,
    ...options,
  });
}

/**
 * What a stack under test said and sent: every log line (debug level, through the logger's own
 * write hook, so after its redaction) and every access token Halo issued to it. Tokens are read
 * off the wire by a pass-through fetch, since the simulator keeps its tokens to itself.
 */
export interface Observed {
  logger: Logger;
  logs: string[];
  tokens: Set<string>;
  fetch: typeof fetch;
}

/** Called with each outgoing request before it is sent, e.g. to expire tokens between pages. */
export type BeforeRequest = (url: URL) => void;

export function observe(beforeRequest?: BeforeRequest): Observed {
  const logs: string[] = [];
  const tokens = new Set<string>();
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const observed: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const bearer = /^Bearer (.+)$/.exec(new Headers(init?.headers).get('authorization') ?? '')?.[1];
    if (bearer) tokens.add(bearer);
    beforeRequest?.(url);
    const response = await fetch(input, init);
    if (url.pathname.endsWith('/token') && response.ok) {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { access_token?: unknown };
      if (typeof body.access_token === 'string') tokens.add(body.access_token);
    }
    return response;
  };
  return { logger, logs, tokens, fetch: observed };
}

export interface ToolCall {
  result: CallToolResult;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests pick the shape they assert on.
  data: any;
}

/** A Halo client, yoga and MCP server over a running simulator, driven by an SDK client in memory. */
export interface McpStack {
  config: HaloConfig;
  client: HaloClient;
  reference: ReferenceCache;
  yoga: HaloYoga;
  mcp: Client;
  observed: Observed;
  /** Every tool result so far, for the leak scan. */
  outputs: CallToolResult[];
  call(name: string, args?: Record<string, unknown>): Promise<ToolCall>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Client settings over the fast test defaults. */
  config?: Partial<HaloConfig>;
  /** Clock, backoff and jitter for the client; its fetch and logger are the observed ones. */
  clientOptions?: Omit<HaloClientOptions, 'fetch' | 'logger'>;
  beforeRequest?: BeforeRequest;
}

export async function connectMcp(sim: RunningSimulator, options: StackOptions = {}): Promise<McpStack> {
  const observed = observe(options.beforeRequest);
  const config = testHaloConfig(sim, options.config);
  const client = createHaloClient(config, {
    backoff: FAST_BACKOFF,
    ...options.clientOptions,
    fetch: observed.fetch,
    logger: observed.logger,
  });
  const reference = createReferenceCache(client, config.referenceTtlMs);
  const yoga = createHaloYoga({ halo: client, reference, today: () => sim.data.today });
  const server = createMcpServer({ yoga, logger: observed.logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'robustness-test', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  const outputs: CallToolResult[] = [];
  return {
    config,
    client,
    reference,
    yoga,
    mcp,
    observed,
    outputs,
    async call(name, args = {}) {
      const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
      outputs.push(result);
      return { result, text: textOf(result), data: result.structuredContent };
    },
    async close() {
      await mcp.close();
      await server.close();
      client.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** Requests to `/api` that were not GETs: the read-only promise says there are none. */
export function nonGetApiRequests(sim: RunningSimulator): LogEntry[] {
  return sim.log.entries.filter((e) => e.path.toLowerCase().startsWith('/api') && e.method !== 'GET');
}

/**
 * Secrets found in `outputs`: the client secret, any issued token, or a bearer credential. Each
 * output is serialised first, so structured results and GraphQL bodies are scanned whole.
 */
export function findLeaks(outputs: unknown[], tokens: Iterable<string>): string[] {
  const secrets = [TEST_CLIENT_SECRET, ...tokens];
  const leaks: string[] = [];
  for (const output of outputs) {
    const text = typeof output === 'string' ? output : JSON.stringify(output);
    for (const secret of secrets) if (text?.includes(secret)) leaks.push(`${secret.slice(0, 6)}… in ${text}`);
    if (/Bearer\s+[A-Za-z0-9._~+/-]{8,}/.test(text ?? '')) leaks.push(`a bearer credential in ${text}`);
  }
  return leaks;
}

/** The read-only and no-leak promises, checked over everything a stack answered and logged. */
export function expectCleanRun(sim: RunningSimulator, stack: McpStack): void {
  expect(nonGetApiRequests(sim)).toEqual([]);
  expect(findLeaks([...stack.outputs, ...stack.observed.logs], stack.observed.tokens)).toEqual([]);
}

/** Resolves as `work` does, or rejects once `ms` have passed: a bound on waiting, not a timing. */
export async function within<T>(ms: number, work: Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(work), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
