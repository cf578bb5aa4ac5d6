import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { AppConfig, OAuthConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import { createHttpServer, listen, type RunningHttpServer } from '../../src/server/http.js';
import type { AgentAccount } from '../../src/simulator/agent-accounts.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';

export const TOKEN_KEY = randomBytes(32).toString('base64');

/** A free loopback port: the server's public URL (issuer, resource) must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface OAuthServer {
  app: App;
  http: RunningHttpServer;
  url: string;
  /** Every log line the server wrote (stderr in production). */
  logLines: string[];
  stop(): Promise<void>;
}

export interface OAuthServerOptions {
  halo: TestHalo;
  storePath: string;
  port?: number;
  oauth?: Partial<OAuthConfig>;
  /** Clock for the authorization server and its store. */
  now?: () => number;
  /** Sees every request the OAuth side sends (Halo's token endpoint, metadata documents). */
  fetch?: typeof fetch;
}

export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logLines: string[] = [];
  const oauth: OAuthConfig = {
    publicUrl: url,
    tokenKey: TOKEN_KEY,
    previousTokenKeys: [],
    redirectHosts: ['127.0.0.1', 'localhost'],
    storePath: options.storePath,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 86_400,
    ...options.oauth,
  };
  const config: AppConfig = {
    halo: { ...options.halo.config, agentLoginClientId: options.halo.sim.agentLogin.clientId },
    server: { host: '127.0.0.1', port, allowedOrigins: [], oauth },
    transport: 'http',
    demo: false,
    logLevel: 'info',
  };
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
  const app = await createApp(config, {
    logger,
    oauth: {
      ...(options.now ? { now: options.now } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
  const http = await listen(createHttpServer(app, config.server), '127.0.0.1', port);
  return {
    app,
    http,
    url,
    logLines,
    stop: async () => {
      await http.close();
      await app.close();
    },
  };
}

export function tempStorePath(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'halo-oauth-'));
  return { path: join(dir, 'auth.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startAuthHalo(): Promise<TestHalo> {
  return startTestHalo({ dataset: generateDataset({ size: 'tiny', seed: 7, today: '2026-11-24' }) });
}

/** A loopback page the authorization server redirects back to; it records each query it got. */
export interface Callback {
  url: string;
  received: URLSearchParams[];
  /** Resolves with the next callback's query. */
  next(): Promise<URLSearchParams>;
  stop(): Promise<void>;
  /** Serves a JSON document at a path (a Client ID Metadata Document). */
  serve(path: string, body: unknown): void;
  server: Server;
}

export async function startCallback(): Promise<Callback> {
  const received: URLSearchParams[] = [];
  const waiting: Array<(q: URLSearchParams) => void> = [];
  const documents = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const doc = documents.get(url.pathname);
    if (doc !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(doc);
      return;
    }
    received.push(url.searchParams);
    waiting.shift()?.(url.searchParams);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<p id="done">Signed in: you can close this window.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    serve: (path, body) => documents.set(path, JSON.stringify(body)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    server,
  };
}

/** The MCP SDK's client-side OAuth hooks, kept in memory; `authorizationUrl` is where it sent the user. */
export class MemoryOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private info: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';

  constructor(
    private readonly redirect: string,
    options: { clientId?: string } = {},
  ) {
    if (options.clientId) this.info = { client_id: options.clientId };
  }

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Test MCP client',
      redirect_uris: [this.redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() {
    return this.info;
  }

  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }

  tokens() {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }

  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }

  codeVerifier() {
    return this.verifier;
  }
}

function hiddenInputs(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1] ?? '', decodeEntities(match[2] ?? ''));
  }
  return form;
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

async function post(url: string, form: URLSearchParams): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
    body: form,
  });
}

function location(response: Response, base: string): string {
  const where = response.headers.get('location');
  if (!where) throw new Error(`expected a redirect, got HTTP ${response.status}`);
  return new URL(where, base).href;
}

/**
 * What a person does in the browser, as plain HTTP (the browser test does it in Chromium): approve
 * on our consent page, sign in on Halo's login page as `account`, allow, and follow the redirects
 * to the client's redirect URI. Returns that final URL.
 */
export async function signInWithoutBrowser(authorizationUrl: string, account: AgentAccount): Promise<URL> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const consentHtml = await consent.text();
  if (consent.status !== 200) throw new Error(`consent page: HTTP ${consent.status}: ${consentHtml}`);
  const approve = hiddenInputs(consentHtml);
  approve.set('decision', 'approve');
  const toHalo = location(
    await post(new URL('/oauth/authorize', authorizationUrl).href, approve),
    authorizationUrl,
  );
  const login = hiddenInputs(await (await fetch(toHalo)).text());
  login.set('agent', String(account.agentId));
  login.set('password', account.password);
  const haloAuthorize = new URL('authorize', toHalo).href;
  const allow = hiddenInputs(await (await post(haloAuthorize, login)).text());
  allow.set('decision', 'allow');
  const toCallback = location(await post(haloAuthorize, allow), haloAuthorize);
  const toClient = location(await fetch(toCallback, { redirect: 'manual' }), toCallback);
  return new URL(toClient);
}

/** A public client registered by DCR, and a manual authorization-code + PKCE flow for it. */
export async function registerClient(serverUrl: string, redirectUri: string): Promise<string> {
  const response = await fetch(`${serverUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Manual client', redirect_uris: [redirectUri] }),
  });
  if (response.status !== 201) throw new Error(`registration: HTTP ${response.status}`);
  return ((await response.json()) as { client_id: string }).client_id;
}

export function authorizeUrl(
  serverUrl: string,
  params: { clientId: string; redirectUri: string; challenge: string; state?: string; resource?: string },
): string {
  const url = new URL(`${serverUrl}/oauth/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('code_challenge', params.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', params.state ?? 'st-1');
  url.searchParams.set('resource', params.resource ?? `${serverUrl}/mcp`);
  return url.href;
}

export async function tokenRequest(serverUrl: string, form: Record<string, string>) {
  const response = await fetch(`${serverUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}
