import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuthConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { AgentTokens, Grant } from './agent-tokens.js';
import { ClientDirectory, ClientError, type KnownClient } from './clients.js';
import { type HaloLogin, HaloLoginError } from './halo-login.js';
import { BodyTooLarge, escapeHtml, readText, redirect, sendJson, sendPage } from './http-io.js';
import type { AuthStore } from './store.js';

// This server as an OAuth 2.1 authorization server for MCP clients (MCP authorization spec
// 2025-11-25): metadata (RFC 8414), PKCE S256 only, the `iss` response parameter (RFC 9207), exact
// redirect URI matching, single-use codes valid for a minute, access tokens bound to this resource
// (RFC 8707), rotating refresh tokens, revocation (RFC 7009). The user signs in at Halo: after our
// consent page the browser goes to Halo's login, and Halo's answer comes back to /oauth/halo/callback.

export const SCOPE = 'halo';
const CODE_TTL_MS = 60_000;
const REQUEST_TTL_MS = 10 * 60_000;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export interface AuthorizationServerDeps {
  config: OAuthConfig;
  store: AuthStore;
  halo: HaloLogin;
  agents: AgentTokens;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

/** An authorization request waiting for consent, then for Halo's answer. */
interface PendingRequest {
  clientId: string;
  clientName: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  resource: string;
  halo?: { state: string; verifier: string };
}

interface CodeRecord {
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  resource: string;
}

interface TokenRecord {
  grantId: string;
  clientId: string;
  resource: string;
}

export const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

class OAuthError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export class AuthorizationServer {
  readonly issuer: string;
  /** The protected resource: MCP clients name it in `resource`, and tokens are bound to it. */
  readonly resource: string;
  readonly resourceMetadataUrl: string;
  private readonly clients: ClientDirectory;
  private readonly now: () => number;

  constructor(private readonly deps: AuthorizationServerDeps) {
    this.issuer = deps.config.publicUrl;
    this.resource = `${deps.config.publicUrl}/mcp`;
    this.resourceMetadataUrl = `${deps.config.publicUrl}/.well-known/oauth-protected-resource/mcp`;
    this.now = deps.now ?? Date.now;
    this.clients = new ClientDirectory({
      store: deps.store,
      redirectHosts: deps.config.redirectHosts,
      publicUrl: deps.config.publicUrl,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      now: this.now,
    });
  }

  /** The routes this module answers; anything else is for the protected endpoints. */
  handles(path: string): boolean {
    return path.startsWith('/.well-known/oauth-') || path.startsWith('/oauth/');
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /.well-known/oauth-protected-resource':
        case 'GET /.well-known/oauth-protected-resource/mcp':
          return sendJson(res, 200, this.resourceMetadata(), { 'access-control-allow-origin': '*' });
        case 'GET /.well-known/oauth-authorization-server':
          return sendJson(res, 200, this.serverMetadata(), { 'access-control-allow-origin': '*' });
        case 'GET /oauth/authorize':
          return await this.authorize(res, url.searchParams);
        case 'POST /oauth/authorize':
          return await this.decide(res, new URLSearchParams(await readText(req)));
        case 'GET /oauth/halo/callback':
          return await this.haloCallback(res, url.searchParams);
        case 'POST /oauth/token':
          return await this.token(req, res);
        case 'POST /oauth/register':
          return await this.register(req, res);
        case 'POST /oauth/revoke':
          return await this.revoke(req, res);
        default:
          if (req.method === 'OPTIONS') {
            res
              .writeHead(204, {
                'access-control-allow-origin': '*',
                'access-control-allow-methods': 'GET, POST, OPTIONS',
                'access-control-allow-headers': 'authorization, content-type, mcp-protocol-version',
              })
              .end();
            return;
          }
          return sendJson(res, 404, { error: 'not_found', error_description: `No route ${route}.` });
      }
    } catch (error) {
      if (error instanceof OAuthError) {
        return sendJson(
          res,
          error.status,
          { error: error.error, error_description: error.message },
          { 'access-control-allow-origin': '*' },
        );
      }
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { error: 'invalid_request', error_description: error.message });
      throw error;
    }
  }

  resourceMetadata() {
    return {
      resource: this.resource,
      authorization_servers: [this.issuer],
      bearer_methods_supported: ['header'],
      scopes_supported: [SCOPE],
      resource_name: 'Halo PSA (read-only)',
    };
  }

  serverMetadata() {
    const base = this.issuer;
    return {
      issuer: base,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      registration_endpoint: `${base}/oauth/register`,
      revocation_endpoint: `${base}/oauth/revoke`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      revocation_endpoint_auth_methods_supported: ['none'],
      scopes_supported: [SCOPE],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    };
  }

  /** `GET /oauth/authorize`: checks the request, then asks the user to approve the client. */
  private async authorize(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    if (!clientId || !redirectUri) {
      return this.errorPage(res, 'The request names no client_id or redirect_uri.');
    }
    let client: KnownClient;
    try {
      client = await this.clients.resolve(clientId);
    } catch (error) {
      if (error instanceof ClientError) return this.errorPage(res, error.message);
      throw error;
    }
    // Never send anything to a redirect URI the client did not register, character for character.
    if (!client.redirectUris.includes(redirectUri)) {
      return this.errorPage(res, 'The redirect_uri is not one the client registered (exact match required).');
    }
    const state = params.get('state') ?? undefined;
    const back = (error: string, description: string) =>
      redirect(res, this.clientRedirect(redirectUri, { error, error_description: description, state }));
    if (params.get('response_type') !== 'code')
      return back('unsupported_response_type', 'Only response_type=code.');
    const challenge = params.get('code_challenge');
    if (!challenge || params.get('code_challenge_method') !== 'S256') {
      return back('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256.');
    }
    const resource = params.get('resource') ?? this.resource;
    if (resource !== this.resource)
      return back('invalid_target', `This server only issues tokens for ${this.resource}.`);
    const requestId = newToken();
    const pending: PendingRequest = {
      clientId,
      clientName: client.name ?? clientId,
      redirectUri,
      ...(state !== undefined ? { state } : {}),
      codeChallenge: challenge,
      resource,
    };
    await this.deps.store.put('pending', hashOf(requestId), pending, {
      expiresAt: this.now() + REQUEST_TTL_MS,
    });
    const host = new URL(redirectUri).host;
    sendPage(
      res,
      200,
      'Connect to Halo PSA',
      `<p><strong>${escapeHtml(pending.clientName)}</strong> asks to read Halo PSA as you. It will get the same read access your Halo agent has, nothing more, and never your Halo password.</p>
<p>After approving you sign in on your Halo login page; then you are sent back to <code>${escapeHtml(host)}</code>.</p>
<p style="font-size:small">Client: <code>${escapeHtml(clientId)}</code> (${client.via === 'metadata-document' ? 'client metadata document' : 'registered client'})</p>
<form method="post" action="/oauth/authorize"><input type="hidden" name="request" value="${requestId}">
<button type="submit" name="decision" value="approve" id="approve">Approve and sign in to Halo</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`,
    );
  }

  /** The consent form: on approval the browser goes to Halo's login page. */
  private async decide(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const consumed = await this.deps.store.consume<PendingRequest>(
      'pending',
      hashOf(form.get('request') ?? ''),
    );
    if (consumed === undefined || consumed.replay) {
      return this.errorPage(
        res,
        'This sign-in request has expired or was already used. Start again from your MCP client.',
      );
    }
    const pending = consumed.value;
    if (form.get('decision') !== 'approve') {
      return redirect(
        res,
        this.clientRedirect(pending.redirectUri, { error: 'access_denied', state: pending.state }),
      );
    }
    let start: Awaited<ReturnType<HaloLogin['start']>>;
    try {
      start = await this.deps.halo.start();
    } catch (error) {
      if (!(error instanceof HaloLoginError)) throw error;
      this.deps.logger.warn('halo sign-in could not start', { message: error.message });
      return redirect(
        res,
        this.clientRedirect(pending.redirectUri, {
          error: 'temporarily_unavailable',
          error_description: error.message,
          state: pending.state,
        }),
      );
    }
    await this.deps.store.put(
      'pending',
      hashOf(start.state),
      { ...pending, halo: { state: start.state, verifier: start.verifier } },
      { expiresAt: this.now() + REQUEST_TTL_MS },
    );
    redirect(res, start.url);
  }

  /** Halo sends the agent back here: swap Halo's code, learn who signed in, give the client our code. */
  private async haloCallback(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const consumed = await this.deps.store.consume<PendingRequest>(
      'pending',
      hashOf(params.get('state') ?? ''),
    );
    const pending = consumed?.value;
    if (consumed === undefined || consumed.replay || pending?.halo === undefined) {
      return this.errorPage(
        res,
        'This Halo sign-in does not belong to a request in progress (expired or already used).',
      );
    }
    let grant: Grant;
    try {
      const tokens = await this.deps.halo.finish(params, pending.halo);
      const agent = await this.deps.halo.whoAmI(tokens.accessToken);
      grant = {
        grantId: newToken(),
        clientId: pending.clientId,
        agentId: agent.agentId,
        agentName: agent.name,
        resource: pending.resource,
        scope: SCOPE,
        halo: this.deps.agents.seal(tokens),
        expiresAt: this.now() + this.deps.config.refreshTokenTtlSeconds * 1000,
      };
    } catch (error) {
      if (!(error instanceof HaloLoginError)) throw error;
      this.deps.logger.warn('halo sign-in failed', { reason: error.reason, message: error.message });
      const code = error.reason === 'denied' ? 'access_denied' : 'server_error';
      return redirect(
        res,
        this.clientRedirect(pending.redirectUri, {
          error: code,
          error_description: error.message,
          state: pending.state,
        }),
      );
    }
    await this.deps.agents.saveGrant(grant);
    const code = newToken();
    const record: CodeRecord = {
      grantId: grant.grantId,
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      resource: pending.resource,
    };
    await this.deps.store.put('code', hashOf(code), record, {
      expiresAt: this.now() + CODE_TTL_MS,
      grantId: grant.grantId,
    });
    this.deps.logger.info('agent signed in', { agent: grant.agentId, client: pending.clientId });
    redirect(res, this.clientRedirect(pending.redirectUri, { code, state: pending.state }));
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    const clientId = form.get('client_id') ?? basicClientId(req.headers.authorization);
    if (!clientId) throw new OAuthError('invalid_client', 'client_id is required.', 401);
    const resource = form.get('resource');
    if (resource !== null && resource !== this.resource) {
      throw new OAuthError('invalid_target', `This server only issues tokens for ${this.resource}.`);
    }
    const grantType = form.get('grant_type');
    const grant =
      grantType === 'authorization_code'
        ? await this.redeemCode(form, clientId)
        : grantType === 'refresh_token'
          ? await this.redeemRefresh(form, clientId)
          : undefined;
    if (grant === undefined) {
      throw new OAuthError(
        'unsupported_grant_type',
        'grant_type must be authorization_code or refresh_token.',
      );
    }
    sendJson(res, 200, await this.issue(grant), { 'access-control-allow-origin': '*', pragma: 'no-cache' });
  }

  private async redeemCode(form: URLSearchParams, clientId: string): Promise<Grant> {
    const code = form.get('code');
    if (!code) throw new OAuthError('invalid_request', 'code is required.');
    const consumed = await this.deps.store.consume<CodeRecord>('code', hashOf(code));
    if (consumed === undefined) throw new OAuthError('invalid_grant', 'The code is unknown or has expired.');
    const record = consumed.value;
    if (consumed.replay) {
      // A code used twice may have been stolen: everything issued from it is withdrawn.
      await this.deps.store.deleteGrant(record.grantId);
      this.deps.logger.warn('authorization code replayed; grant revoked', { client: record.clientId });
      throw new OAuthError(
        'invalid_grant',
        'The code was already used; the tokens issued for it are revoked.',
      );
    }
    if (record.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== record.redirectUri) {
      throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorization request.');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (!VERIFIER.test(verifier) || !sameText(s256(verifier), record.codeChallenge)) {
      throw new OAuthError('invalid_grant', 'The code_verifier does not match the code_challenge (PKCE).');
    }
    const grant = await this.deps.agents.grant(record.grantId);
    if (grant === undefined) throw new OAuthError('invalid_grant', 'The sign-in behind this code has ended.');
    return grant;
  }

  private async redeemRefresh(form: URLSearchParams, clientId: string): Promise<Grant> {
    const token = form.get('refresh_token');
    if (!token) throw new OAuthError('invalid_request', 'refresh_token is required.');
    const consumed = await this.deps.store.consume<TokenRecord>('refresh', hashOf(token));
    if (consumed === undefined)
      throw new OAuthError('invalid_grant', 'The refresh token is unknown, expired or revoked.');
    if (consumed.replay) {
      await this.deps.store.deleteGrant(consumed.value.grantId);
      this.deps.logger.warn('refresh token reused; grant revoked', { client: consumed.value.clientId });
      throw new OAuthError('invalid_grant', 'The refresh token was already used; the sign-in is revoked.');
    }
    if (consumed.value.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'The refresh token belongs to another client.');
    const grant = await this.deps.agents.grant(consumed.value.grantId);
    if (grant === undefined) throw new OAuthError('invalid_grant', 'The sign-in has ended: sign in again.');
    try {
      // Both legs rotate together: a Halo sign-in that Halo withdrew ends ours here.
      await this.deps.agents.refresh(grant.grantId);
    } catch (error) {
      if (error instanceof HaloLoginError && error.reason === 'revoked') {
        throw new OAuthError('invalid_grant', 'Halo ended the sign-in: sign in again.');
      }
      // Halo briefly unreachable: keep its current tokens, they are refreshed again when used.
      this.deps.logger.warn('halo token refresh failed; keeping the current Halo token', {
        message: error instanceof Error ? error.message : String(error),
      });
    }
    const refreshed = await this.deps.agents.grant(grant.grantId);
    if (refreshed === undefined)
      throw new OAuthError('invalid_grant', 'The sign-in has ended: sign in again.');
    const extended = { ...refreshed, expiresAt: this.now() + this.deps.config.refreshTokenTtlSeconds * 1000 };
    await this.deps.agents.saveGrant(extended);
    return extended;
  }

  private async issue(grant: Grant) {
    const now = this.now();
    const accessToken = newToken();
    const refreshToken = newToken();
    const ttl = this.deps.config.accessTokenTtlSeconds;
    const record: TokenRecord = {
      grantId: grant.grantId,
      clientId: grant.clientId,
      resource: grant.resource,
    };
    await this.deps.store.put('access', hashOf(accessToken), record, {
      expiresAt: now + ttl * 1000,
      grantId: grant.grantId,
    });
    await this.deps.store.put('refresh', hashOf(refreshToken), record, {
      expiresAt: grant.expiresAt,
      grantId: grant.grantId,
    });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ttl,
      refresh_token: refreshToken,
      scope: grant.scope,
    };
  }

  private async register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readText(req));
    } catch (error) {
      if (error instanceof BodyTooLarge) throw error;
      throw new OAuthError('invalid_client_metadata', 'The registration body is not JSON.');
    }
    try {
      const registered = await this.clients.register(body);
      this.deps.logger.info('client registered', { client: registered.client_id });
      sendJson(res, 201, registered, { 'access-control-allow-origin': '*' });
    } catch (error) {
      if (error instanceof ClientError) throw new OAuthError(error.error, error.message);
      throw error;
    }
  }

  /** RFC 7009: always 200; a known token ends its whole grant (both our tokens and the Halo tokens held). */
  private async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    const token = form.get('token');
    if (!token) throw new OAuthError('invalid_request', 'token is required.');
    const key = hashOf(token);
    const record =
      (await this.deps.store.get<TokenRecord>('access', key)) ??
      (await this.deps.store.get<TokenRecord>('refresh', key));
    const clientId = form.get('client_id') ?? basicClientId(req.headers.authorization);
    if (record && (!clientId || clientId === record.clientId)) {
      await this.deps.store.deleteGrant(record.grantId);
      this.deps.logger.info('sign-in revoked', { client: record.clientId });
    }
    res.writeHead(200, { 'cache-control': 'no-store', 'access-control-allow-origin': '*' }).end();
  }

  /** Who a bearer token belongs to, when it is live and was issued for this resource. */
  async verify(token: string): Promise<{ grant: Grant } | { problem: string }> {
    const record = await this.deps.store.get<TokenRecord>('access', hashOf(token));
    if (record === undefined) return { problem: 'The access token is unknown, expired or revoked.' };
    if (record.resource !== this.resource)
      return { problem: `The access token was issued for another resource.` };
    const grant = await this.deps.agents.grant(record.grantId);
    if (grant === undefined) return { problem: 'The sign-in behind this token has ended.' };
    return { grant };
  }

  private clientRedirect(redirectUri: string, params: Record<string, string | undefined>): string {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    url.searchParams.set('iss', this.issuer);
    return url.href;
  }

  private errorPage(res: ServerResponse, message: string): void {
    sendPage(res, 400, 'Cannot connect to Halo PSA', `<p id="error">${escapeHtml(message)}</p>`);
  }
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function basicClientId(header: string | undefined): string | undefined {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return decodeURIComponent(colon < 0 ? decoded : decoded.slice(0, colon)) || undefined;
}
