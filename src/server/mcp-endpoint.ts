import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { CallScope } from '../halo/call-scope.js';
import type { App } from './app.js';
import { readBoundedBody, refuseOversizedBody } from './limits.js';

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
 * The body is read here, under the server's bound, and handed to the SDK already parsed.
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
  const serve = toNodeHandler(handler, { maxRequestBodySize: maxBodyBytes, onerror });
  return async (req, res, scope) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return answer(
        res,
        405,
        jsonRpcError(-32000, 'Method not allowed: this server is stateless, use POST.'),
      );
    }
    const body = await readBoundedBody(req, maxBodyBytes);
    if (body === undefined)
      return refuseOversizedBody(req, res, jsonRpcError(-32600, 'Request body too large.'));
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      return answer(res, 400, jsonRpcError(-32700, 'Parse error: the body is not JSON.'));
    }
    if (scope) {
      // The token was checked by the caller (src/auth); the SDK only passes this through.
      (req as IncomingMessage & { auth?: unknown }).auth = {
        token: '',
        clientId: scope.identity ?? '',
        scopes: [],
        extra: { [SCOPE_KEY]: scope },
      };
    }
    await serve(req, res, message);
  };
}

function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
