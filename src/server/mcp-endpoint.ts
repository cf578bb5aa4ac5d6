import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { App } from './app.js';

export type McpEndpoint = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * `/mcp`: one stateless endpoint for both protocol eras, served by the SDK's `createMcpHandler`.
 * A 2026-07-28 request (per-request `_meta` envelope, `server/discover`) and a 2025 `initialize`
 * or later 2025 request are each answered by a fresh server from the same factory; nothing is kept
 * between requests. Answers are JSON unless a call emits progress first (then SSE). A client that
 * disconnects aborts its request's signal, which cancels the call's pending upstream reads.
 */
export function createMcpEndpoint(
  app: Pick<App, 'createMcpServer' | 'logger'>,
  maxBodyBytes: number,
): McpEndpoint {
  const onerror = (error: Error) => app.logger.debug('mcp request refused or failed', { error });
  const handler = createMcpHandler(() => app.createMcpServer(), {
    maxRequestBodySize: maxBodyBytes,
    onerror,
  });
  return toNodeHandler(handler, { maxRequestBodySize: maxBodyBytes, onerror });
}
