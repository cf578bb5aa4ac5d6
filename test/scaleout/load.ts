import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2HttpTransport,
} from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import type { LogEntry } from '../../src/simulator/types.js';

// MCP clients of both SDK lines over Streamable HTTP, calling tools in a loop, and the figures the
// scale-out tests check: what each call came to, and the rolling-window counts of Halo's log.

export type Sdk = 'v1' | 'v2';

/** A call the server turned away to keep under the budget: a clear answer, not a failure. */
export const PACING = /This server is pacing requests to stay under/;

export interface CallRecord {
  client: number;
  sdk: Sdk;
  tool: string;
  start: number;
  end: number;
  outcome: 'ok' | 'paced' | 'failed';
  /** haproxy's name of the replica that answered (`r0`...), when the call went through it. */
  replica?: string;
  /** The answer's text (first 400 characters) for failures and for calls asked to keep it. */
  text?: string;
}

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface LoadClient {
  index: number;
  sdk: Sdk;
  call(call: ToolCall, keepText?: boolean): Promise<CallRecord>;
  close(): Promise<void>;
}

interface ToolResult {
  isError?: boolean;
  content?: Array<{ type: string; text?: string }>;
}

export function textOf(result: ToolResult): string {
  return (result.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');
}

/** One MCP client on `${url}/mcp`; `sdk` picks the line (v2 pinned to its newest revision). */
export async function connectClient(
  index: number,
  sdk: Sdk,
  url: string,
  headers: Record<string, string>,
): Promise<LoadClient> {
  let lastReplica: string | undefined;
  // Every answer through haproxy names its replica; a client's calls are sequential.
  const fetchSeen: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    lastReplica = response.headers.get('x-replica') ?? undefined;
    return response;
  };
  const endpoint = new URL(`${url}/mcp`);
  const info = { name: `scaleout-${sdk}-${index}`, version: '1.0.0' };
  const requestInit = { headers };
  const client =
    sdk === 'v2'
      ? new V2Client(info, { versionNegotiation: { mode: { pin: '2026-07-28' } } })
      : new V1Client(info);
  const transport =
    sdk === 'v2'
      ? new V2HttpTransport(endpoint, { requestInit, fetch: fetchSeen })
      : new V1HttpTransport(endpoint, { requestInit, fetch: fetchSeen });
  await (client as V1Client).connect(transport as never);
  const callTool = (client as unknown as { callTool(p: ToolCall): Promise<ToolResult> }).callTool.bind(
    client,
  );
  return {
    index,
    sdk,
    async call(call, keepText = false) {
      const start = Date.now();
      const base = { client: index, sdk, tool: call.name, start };
      lastReplica = undefined;
      try {
        const result = await callTool(call);
        const text = textOf(result);
        const outcome = !result.isError ? 'ok' : PACING.test(text) ? 'paced' : 'failed';
        return {
          ...base,
          end: Date.now(),
          outcome,
          ...(lastReplica ? { replica: lastReplica } : {}),
          ...(keepText || outcome === 'failed' ? { text: keepText ? text : text.slice(0, 400) } : {}),
        };
      } catch (error) {
        return { ...base, end: Date.now(), outcome: 'failed', text: `threw: ${(error as Error).message}` };
      }
    },
    close: () => (client as V1Client).close(),
  };
}

/** `count` clients, one in every `v1Every` on the v1 SDK line, the rest on v2; connected a few at a time. */
export async function connectClients(
  count: number,
  url: string,
  headers: Record<string, string>,
  v1Every = 4,
): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, (_, j) => i + j);
    clients.push(
      ...(await Promise.all(
        batch.map((index) => connectClient(index, index % v1Every === 0 ? 'v1' : 'v2', url, headers)),
      )),
    );
  }
  return clients;
}

export async function closeClients(clients: LoadClient[]): Promise<void> {
  await Promise.allSettled(clients.map((c) => c.close()));
}

export interface LoadOptions {
  /** Calls start until this epoch ms; the run ends when the last call in flight has its answer. */
  until: number;
  /** The next call of a client (its index, how many it has made). */
  pick(client: number, n: number): ToolCall;
  /** Pause between one client's calls, uniformly random in [min, max] ms. */
  pauseMs: { min: number; max: number };
}

/** Every client calls in a loop until `until`; resolves with every call, in order of completion. */
export async function runLoad(clients: LoadClient[], options: LoadOptions): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const { min, max } = options.pauseMs;
  await Promise.all(
    clients.map(async (client) => {
      // Spread the first calls over one pause, as clients arriving at different moments.
      await sleep(Math.random() * max);
      for (let n = 0; Date.now() < options.until; n++) {
        records.push(await client.call(options.pick(client.index, n)));
        await sleep(min + Math.random() * (max - min));
      }
    }),
  );
  return records;
}

/** A mix of read-only tools: mostly cheap interactive reads, a few heavier lists. Ids from the dataset. */
export function toolMix(data: Dataset): ToolCall[] {
  const clients = data.clients.filter((c) => !c.inactive && c.id > 1).slice(0, 6);
  const tickets = data.tickets.filter((t) => !t.is_project).slice(0, 6);
  const cheap: ToolCall[] = [
    ...tickets.map((t) => ({ name: 'get_ticket', arguments: { ticket_id: t.id } })),
    ...clients.map((c) => ({ name: 'get_client', arguments: { client_id: c.id } })),
    ...clients.slice(0, 3).map((c) => ({ name: 'list_tickets', arguments: { client_id: c.id } })),
    { name: 'list_clients', arguments: {} },
    { name: 'list_agents', arguments: {} },
  ];
  const heavier: ToolCall[] = [
    { name: 'list_projects', arguments: {} },
    ...clients.slice(0, 2).map((c) => ({ name: 'list_invoices', arguments: { client_id: c.id } })),
    ...clients.slice(0, 2).map((c) => ({ name: 'list_contracts', arguments: { client_id: c.id } })),
  ];
  // About one call in six is a heavier one.
  return [...cheap, ...cheap, ...heavier];
}

/** Most entries inside any interval of `spanMs` (closed at both ends), over times in any order. */
export function maxInWindow(times: readonly number[], spanMs: number): { count: number; from: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, from: sorted[0] ?? 0 };
  let head = 0;
  for (let tail = 0; tail < sorted.length; tail++) {
    const t = sorted[tail] ?? 0;
    while ((sorted[head] ?? 0) < t - spanMs) head++;
    if (tail - head + 1 > best.count) best = { count: tail - head + 1, from: sorted[head] ?? 0 };
  }
  return best;
}

/** Halo API reads (not /api/authinfo), in arrival order. */
export function apiEntries<T extends Pick<LogEntry, 'path' | 'at'>>(
  entries: readonly T[],
  from = 0,
  to = Number.POSITIVE_INFINITY,
): T[] {
  return entries.filter(
    (e) =>
      e.path.toLowerCase().startsWith('/api/') &&
      !e.path.toLowerCase().startsWith('/api/authinfo') &&
      e.at >= from &&
      e.at <= to,
  );
}

/** Client-credentials token requests (POST .../auth/token), in arrival order. */
export function tokenRequests<T extends Pick<LogEntry, 'method' | 'path'>>(entries: readonly T[]): T[] {
  return entries.filter((e) => e.method === 'POST' && /\/auth\/token$/i.test(e.path));
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item) ?? '?';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
