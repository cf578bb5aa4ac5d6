import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PREVIEW_PATH, servePreview } from '../apps/preview.js';
import type { ServerConfig } from '../config.js';
import { memoryState } from '../state/types.js';
import type { App } from './app.js';
import { crossSiteRefusal } from './csrf.js';
import {
  boundedServerOptions,
  DEFAULT_MAX_CONNECTIONS,
  MAX_BODY_BYTES,
  refuseOversizedBody,
} from './limits.js';
import { createMcpEndpoint, type McpEndpoint } from './mcp-endpoint.js';
import { lifecycleOf } from './shutdown.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

export type HttpApp = Pick<App, 'yoga' | 'createMcpServer' | 'logger' | 'version' | 'oauth'> &
  Partial<Pick<App, 'state'>>;

export class HttpSecurityError extends Error {
  override readonly name = 'HttpSecurityError';
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\./.test(h);
}

/**
 * The HTTP transport, built apart from listening: `/health`, `/graphql` (yoga, GraphiQL in a
 * browser) and `/mcp` (stateless Streamable HTTP, JSON answers). Refuses a non-loopback bind
 * without an access token.
 */
export function createHttpServer(app: HttpApp, config: ServerConfig): Server {
  if (!isLoopbackHost(config.host) && !config.accessToken && !app.oauth) {
    throw new HttpSecurityError(
      `Refusing to serve on ${config.host} without HALO_MCP_TOKEN or HALO_MCP_AUTH=oauth: a non-loopback address needs sign-in.`,
    );
  }
  const guard = requestGuard(config, app.oauth ? [new URL(app.oauth.server.issuer).origin] : []);
  const mcp = createMcpEndpoint(app, MAX_BODY_BYTES);
  const server = createServer(boundedServerOptions(), (req, res) => {
    const life = lifecycleOf(server);
    if (life.draining) {
      refuseWhileDraining(req, res, app.version);
      return;
    }
    life.track(res);
    handle(app, guard, mcp, req, res).catch((error) => {
      app.logger.error('http request failed', { error, path: pathOf(req) });
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error.' });
      else res.end();
    });
  });
  server.maxConnections = config.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  return server;
}

const DRAINING = 'The server is shutting down; try again shortly.';

/** While draining the listener stays up: `/health` says so and every call is turned away. */
function refuseWhileDraining(req: IncomingMessage, res: ServerResponse, version: string): void {
  const headers = { connection: 'close', 'retry-after': '5' };
  const body = pathOf(req) === '/health' ? { status: 'draining', version } : { error: DRAINING };
  sendJson(res, 503, body, headers);
}

export interface RunningHttpServer {
  server: Server;
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Graceful close: refuses new calls, lets those in flight finish (at most `ms`), then closes. */
  drain(ms: number): Promise<{ unfinished: number }>;
}

export function listen(server: Server, host: string, port: number): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
        drain: (ms) => lifecycleOf(server).drain(ms),
      });
    });
  });
}

async function handle(
  app: HttpApp,
  guard: RequestGuard,
  mcp: McpEndpoint,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = pathOf(req);
  if (path === '/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET.' });
    const state = (app.state ?? memoryState()).health();
    // Degraded still answers 200: the replica serves (at its share of the budget) and must stay in rotation.
    return sendJson(res, 200, { status: state.status, version: app.version, state });
  }
  const oauthRoute = app.oauth?.server.handles(path) ? app.oauth : undefined;
  // OAuth endpoints are called cross-site by design (a connector's browser window, a client's
  // backend) and carry no ambient credentials: only the Host check applies to them.
  const refusal =
    guard(req, res, oauthRoute ? 'public' : 'protected') ??
    (req.method === 'OPTIONS' || oauthRoute ? undefined : guard.crossSite(req, path));
  if (refusal) return sendJson(res, refusal.status, { error: refusal.message }, refusal.headers);
  if (oauthRoute) return oauthRoute.server.handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  if (path === PREVIEW_PATH) return servePreview(req, res);
  if (path !== '/graphql' && path !== '/mcp') {
    return sendJson(res, 404, { error: 'Not found. Endpoints: /mcp, /graphql, /views, /health.' });
  }
  // OAuth mode: the caller's token says which Halo agent this request reads as.
  const scope = app.oauth ? await app.oauth.authenticate(req, res) : undefined;
  if (app.oauth && scope === undefined) return;
  if (path === '/graphql') {
    const tooLarge = graphqlBodyRefusal(req);
    if (tooLarge?.status === 413) return refuseOversizedBody(req, res, { error: tooLarge.message });
    if (tooLarge) return sendJson(res, tooLarge.status, { error: tooLarge.message });
    await app.yoga.handle(req, res, scope ? { scope } : {});
    return;
  }
  return mcp(req, res, scope);
}

/**
 * yoga reads `/graphql` bodies itself, so the size cap is enforced from the declared length; a POST
 * that declares none (chunked) is refused rather than read without a bound.
 */
function graphqlBodyRefusal(req: IncomingMessage): { status: number; message: string } | undefined {
  if (req.method !== 'POST') return undefined;
  const declared = req.headers['content-length'];
  if (declared === undefined) return { status: 411, message: 'Send a Content-Length with the request.' };
  if (Number(declared) > MAX_BODY_BYTES) return { status: 413, message: 'Request body too large.' };
  return undefined;
}

interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** `public`: OAuth endpoints, called cross-origin by design and without our bearer token. */
type RequestGuard = ((
  req: IncomingMessage,
  res: ServerResponse,
  kind?: 'public' | 'protected',
) => Refusal | undefined) & {
  crossSite(req: IncomingMessage, path: string): Refusal | undefined;
};

/**
 * Host (DNS rebinding), Origin and bearer-token checks, and CORS headers for configured origins.
 * A wildcard bind cannot know its own names, so only a specific bound host limits the Host header;
 * such a server always has a token.
 */
function requestGuard(config: ServerConfig, ownOrigins: string[] = []): RequestGuard {
  const bound = config.host.toLowerCase();
  const hostnames = WILDCARD_HOSTS.has(bound)
    ? undefined
    : new Set([...LOOPBACK_NAMES, bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound]);
  const allowedOrigins = new Set([...config.allowedOrigins, ...ownOrigins]);
  const expected = config.accessToken ? digest(config.accessToken) : undefined;
  const crossSitePolicy = { allowedOrigins, allowGetQueries: config.allowGetQueries ?? false };

  const guard = (
    req: IncomingMessage,
    res: ServerResponse,
    kind: 'public' | 'protected' = 'protected',
  ): Refusal | undefined => {
    const host = req.headers.host?.toLowerCase();
    if (!host) return { status: 400, message: 'Missing Host header.' };
    if (hostnames && !hostnames.has(hostnameOf(host))) {
      return { status: 403, message: `Host ${hostnameOf(host)} is not served here.` };
    }
    if (kind === 'public') return undefined;
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const sameOrigin = origin === `http://${host}`;
      if (!sameOrigin && !allowedOrigins.has(origin)) {
        return { status: 403, message: `Origin ${origin} is not allowed (set HALO_MCP_ALLOWED_ORIGINS).` };
      }
      if (allowedOrigins.has(origin)) setCorsHeaders(res, origin);
    }
    if (req.method === 'OPTIONS') return undefined;
    if (expected && !bearerMatches(req.headers.authorization, expected)) {
      return {
        status: 401,
        message: 'Missing or wrong bearer token.',
        headers: { 'www-authenticate': 'Bearer realm="halo-psa-mcp"' },
      };
    }
    return undefined;
  };
  return Object.assign(guard, {
    crossSite: (req: IncomingMessage, path: string) => crossSiteRefusal(req, path, crossSitePolicy),
  });
}

function setCorsHeaders(res: ServerResponse, origin: string): void {
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id, x-graphql-yoga-csrf',
  );
  res.setHeader('access-control-expose-headers', 'mcp-session-id, mcp-protocol-version, www-authenticate');
  res.setHeader('access-control-max-age', '600');
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
