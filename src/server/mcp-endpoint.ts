import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { CallScope } from '../halo/call-scope.js';
import type { App } from './app.js';

export type McpEndpoint = (
  req: IncomingMessage,
  res: ServerResponse,
  scope?: CallScope,
  /** The JSON body when the caller already read it. */
  parsedBody?: unknown,
) => Promise<void>;

/** Where the caller's scope rides on the SDK's pass-through `authInfo` (OAuth mode). */
const SCOPE_KEY = 'haloCallScope';

/**
 * `/mcp`: one stateless endpoint for both protocol eras, served by the SDK's `createMcpHandler`.
 * A 2026-07-28 request (per-request `_meta` envelope, `server/discover`) and a 2025 `initialize`
 * or later 2025 request are each answered by a fresh server from the same factory; nothing is kept
 * between requests. Answers are JSON unless a call emits progress first (then SSE). A client that
 * disconnects aborts its request's signal, which cancels the call's pending upstream reads.
 * In OAuth mode the signed-in agent's scope is handed to the factory through `authInfo`, so each
 * request's server reads Halo as that agent.
 */
export function createMcpEndpoint(
  app: Pick<App, 'createMcpServer' | 'logger'>,
  maxBodyBytes: number,
): McpEndpoint {
  const onerror = (error: Error) => app.logger.debug('mcp request refused or failed', { error });
  const handler = createMcpHandler(
    (ctx) => app.createMcpServer(ctx.authInfo?.extra?.[SCOPE_KEY] as CallScope | undefined),
    { maxRequestBodySize: maxBodyBytes, onerror },
  );
  const node = toNodeHandler(handler, { maxRequestBodySize: maxBodyBytes, onerror });
  return (req, res, scope, parsedBody) => {
    if (scope) {
      // The token was checked by the caller (src/auth); the SDK only passes this through.
      (req as IncomingMessage & { auth?: unknown }).auth = {
        token: '',
        clientId: scope.identity ?? '',
        scopes: [],
        extra: { [SCOPE_KEY]: scope },
      };
    }
    return parsedBody === undefined ? node(req, res) : node(req, res, parsedBody);
  };
}
