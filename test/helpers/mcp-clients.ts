import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2HttpTransport,
} from '@modelcontextprotocol/client';
import { StdioClientTransport as V2StdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The protocol revisions our tests connect with, and the SDK line that speaks each. */
export const CLIENT_ERAS = [
  { version: '2026-07-28', sdk: 'v2' },
  { version: '2025-11-25', sdk: 'v1' },
  { version: '2025-06-18', sdk: 'v1' },
] as const;

export type ClientEra = (typeof CLIENT_ERAS)[number];

/** What a test needs of either SDK line's client. */
export interface AnyClient {
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(
    params: { name: string; arguments?: Record<string, unknown>; _meta?: Record<string, unknown> },
    schema?: undefined,
    options?: { onprogress?: (progress: { progress: number; total?: number; message?: string }) => void },
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

interface MinimalTransport {
  start(): Promise<void>;
  send(message: unknown, options?: unknown): Promise<void>;
  onmessage?: ((message: unknown, extra?: unknown) => void) | undefined;
}

/**
 * Records every message the client receives, and makes a client that only knows the newest 2025
 * revision open with an older one (the v1 SDK always offers 2025-11-25; servers answer with the
 * version a client asks for when they support it, and the client then speaks that one).
 */
export function instrument<T extends MinimalTransport>(
  transport: T,
  offer?: string,
): { transport: T; received: unknown[] } {
  const received: unknown[] = [];
  const start = transport.start.bind(transport);
  transport.start = async () => {
    const inner = transport.onmessage;
    transport.onmessage = (message, extra) => {
      received.push(message);
      inner?.(message, extra);
    };
    return start();
  };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const m = message as { method?: string; params?: Record<string, unknown> };
    const rewritten =
      offer && m.method === 'initialize' ? { ...m, params: { ...m.params, protocolVersion: offer } } : m;
    return send(rewritten, options);
  };
  return { transport, received };
}

/** The protocol version the server settled on: from the `initialize` answer, or the v2 client. */
export function negotiatedVersion(client: AnyClient, received: unknown[]): string | undefined {
  if (client instanceof V2Client) return client.getNegotiatedProtocolVersion();
  const init = received.find(
    (m) => typeof (m as { result?: { protocolVersion?: unknown } }).result?.protocolVersion === 'string',
  ) as { result: { protocolVersion: string } } | undefined;
  return init?.result.protocolVersion;
}

export interface Connected {
  client: AnyClient;
  received: unknown[];
}

function clientFor(era: ClientEra): V1Client | V2Client {
  const info = { name: `halo-test-${era.version}`, version: '1.0.0' };
  return era.sdk === 'v2'
    ? new V2Client(info, { versionNegotiation: { mode: { pin: '2026-07-28' } } })
    : new V1Client(info);
}

const offerFor = (era: ClientEra) =>
  era.version === '2025-11-25' || era.sdk === 'v2' ? undefined : era.version;

export async function connectHttp(
  era: ClientEra,
  url: string,
  headers: Record<string, string> = {},
): Promise<Connected> {
  const endpoint = new URL(`${url}/mcp`);
  const requestInit = { headers };
  const client = clientFor(era);
  const raw =
    era.sdk === 'v2'
      ? new V2HttpTransport(endpoint, { requestInit })
      : new V1HttpTransport(endpoint, { requestInit });
  const { transport, received } = instrument(raw as MinimalTransport, offerFor(era));
  await (client as V1Client).connect(transport as never);
  return { client: client as unknown as AnyClient, received };
}

export async function connectStdio(
  era: ClientEra,
  server: { command: string; args: string[]; env: Record<string, string> },
): Promise<Connected> {
  const client = clientFor(era);
  const raw = era.sdk === 'v2' ? new V2StdioTransport(server) : new V1StdioTransport(server);
  const { transport, received } = instrument(raw as MinimalTransport, offerFor(era));
  await (client as V1Client).connect(transport as never);
  return { client: client as unknown as AnyClient, received };
}
