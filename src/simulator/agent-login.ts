import { createHash, randomBytes } from 'node:crypto';
import { type AgentAccount, describeAccess } from './agent-accounts.js';
import type { TokenStore } from './token-store.js';

// Halo's agent log-in for an "Authorisation Code (Native Application)" API application:
// `GET {auth}/authorize` shows a login page listing the agents, then a consent page, then sends the
// browser back to the redirect URI with a code; `POST {auth}/token` swaps the code (PKCE S256
// checked) for that agent's tokens and rotates refresh tokens.

export interface AgentLoginConfig {
  clientId: string;
  /** Exact redirect URIs registered on the application; undefined accepts any http loopback URI. */
  redirectUris: string[] | undefined;
  accounts: AgentAccount[];
  tenant: string | undefined;
  tokenLifetimeSeconds: number;
}

export interface PageAnswer {
  status: number;
  html?: string;
  location?: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  agentId: number;
  scope: string;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 60_000;
const LOGIN_LIFETIME_MS = 600_000;
const AUTHORIZE_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'tenant',
] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, status = 200): PageAnswer {
  return {
    status,
    html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

function hiddenFields(params: URLSearchParams): string {
  return AUTHORIZE_FIELDS.map((name) => {
    const value = params.get(name);
    return value === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  }).join('');
}

function isLoopbackHttp(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class AgentLogin {
  private readonly codes = new Map<string, PendingCode>();
  private readonly logins = new Map<string, { agentId: number; expiresAt: number }>();

  constructor(
    private readonly config: AgentLoginConfig,
    private readonly tokens: TokenStore,
    private readonly issuer: () => string,
  ) {}

  account(agentId: number | undefined): AgentAccount | undefined {
    return agentId === undefined ? undefined : this.config.accounts.find((a) => a.agentId === agentId);
  }

  /** Problems that must not be sent back to the redirect URI (it is not trusted yet). */
  private requestProblem(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== this.config.clientId) return 'Unknown client_id.';
    const redirectUri = params.get('redirect_uri') ?? '';
    const allowed = this.config.redirectUris
      ? this.config.redirectUris.includes(redirectUri)
      : isLoopbackHttp(redirectUri);
    if (!allowed) return 'The redirect_uri is not registered for this application.';
    if (params.get('response_type') !== 'code') return "response_type must be 'code'.";
    if (!params.get('code_challenge') || params.get('code_challenge_method') !== 'S256') {
      return 'PKCE with code_challenge_method=S256 is required.';
    }
    const tenant = this.config.tenant;
    if (tenant !== undefined && params.get('tenant')?.toLowerCase() !== tenant.toLowerCase()) {
      return 'The tenant is missing or not valid.';
    }
    return undefined;
  }

  /** `GET /auth/authorize`: the login page. */
  loginPage(params: URLSearchParams, error?: string): PageAnswer {
    const problem = this.requestProblem(params);
    if (problem) return page('Halo sign-in error', `<p id="error">${escapeHtml(problem)}</p>`, 400);
    const options = this.config.accounts
      .map(
        (a) =>
          `<li><label><input type="radio" name="agent" value="${a.agentId}"> ${escapeHtml(a.name)} (agent ${a.agentId}, ${escapeHtml(describeAccess(a))}; password <code>${escapeHtml(a.password)}</code>)</label></li>`,
      )
      .join('');
    return page(
      'Sign in to Halo (simulator)',
      `${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}<form method="post" action="authorize">${hiddenFields(params)}<input type="hidden" name="step" value="login"><ul>${options}</ul><label>Password <input type="password" name="password" id="password"></label> <button type="submit" id="sign-in">Sign in</button></form>`,
      error ? 401 : 200,
    );
  }

  /** `POST /auth/authorize`: the login form, then the consent form. */
  submit(form: URLSearchParams, now: number): PageAnswer {
    const problem = this.requestProblem(form);
    if (problem) return page('Halo sign-in error', `<p id="error">${escapeHtml(problem)}</p>`, 400);
    if (form.get('step') === 'consent') return this.consent(form, now);
    const account = this.account(Number(form.get('agent')));
    if (account === undefined || form.get('password') !== account.password) {
      return this.loginPage(form, 'Wrong agent or password.');
    }
    const ticket = randomBytes(16).toString('base64url');
    this.logins.set(ticket, { agentId: account.agentId, expiresAt: now + LOGIN_LIFETIME_MS });
    return page(
      'Allow access to Halo?',
      `<p>${escapeHtml(account.name)}: the application <code>${escapeHtml(this.config.clientId)}</code> asks to act as you in Halo (scope <code>${escapeHtml(form.get('scope') ?? '')}</code>).</p><form method="post" action="authorize">${hiddenFields(form)}<input type="hidden" name="step" value="consent"><input type="hidden" name="login" value="${ticket}"><button type="submit" name="decision" value="allow" id="allow">Allow</button> <button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`,
    );
  }

  private consent(form: URLSearchParams, now: number): PageAnswer {
    const ticket = form.get('login') ?? '';
    const login = this.logins.get(ticket);
    this.logins.delete(ticket);
    if (login === undefined || login.expiresAt <= now) return this.loginPage(form, 'Sign in again.');
    const back = new URL(form.get('redirect_uri') ?? '');
    const state = form.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', this.issuer());
    if (form.get('decision') !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      return { status: 302, location: back.href };
    }
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      clientId: this.config.clientId,
      redirectUri: form.get('redirect_uri') ?? '',
      challenge: form.get('code_challenge') ?? '',
      agentId: login.agentId,
      scope: form.get('scope') ?? 'all',
      expiresAt: now + CODE_LIFETIME_MS,
    });
    back.searchParams.set('code', code);
    return { status: 302, location: back.href };
  }

  /** `grant_type=authorization_code` (public client: no secret, PKCE instead). */
  codeGrant(form: URLSearchParams, now: number): { status: number; body: unknown } {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (form.get('client_id') !== this.config.clientId) return invalid('invalid_client', 'Unknown client.');
    if (pending === undefined || pending.expiresAt <= now) {
      return invalid('invalid_grant', 'The authorization code is invalid or has expired.');
    }
    if (form.get('redirect_uri') !== pending.redirectUri) {
      return invalid('invalid_grant', 'The redirect_uri does not match the authorization request.');
    }
    if (s256(form.get('code_verifier') ?? '') !== pending.challenge) {
      return invalid('invalid_grant', 'The code_verifier does not match the code_challenge.');
    }
    return this.tokensFor(pending.agentId, pending.scope, now);
  }

  /** `grant_type=refresh_token`: the old refresh token stops working. */
  refreshGrant(form: URLSearchParams, now: number): { status: number; body: unknown } {
    const grant = this.tokens.takeRefresh(form.get('refresh_token') ?? '');
    if (grant === undefined || grant.clientId !== form.get('client_id')) {
      return invalid('invalid_grant', 'The refresh token is no longer valid.');
    }
    return this.tokensFor(grant.agentId, 'all offline_access', now);
  }

  private tokensFor(agentId: number, scope: string, now: number): { status: number; body: unknown } {
    const lifetime = this.config.tokenLifetimeSeconds;
    const iat = Math.floor(now / 1000);
    const claims = {
      iss: this.issuer(),
      sub: String(agentId),
      aud: this.config.clientId,
      iat,
      exp: iat + lifetime,
    };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return {
      status: 200,
      body: {
        access_token: this.tokens.issue(now, lifetime, agentId),
        token_type: 'Bearer',
        expires_in: lifetime,
        scope,
        ...(scope.split(' ').includes('offline_access')
          ? { refresh_token: this.tokens.issueRefresh(agentId, this.config.clientId) }
          : {}),
        id_token: `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`,
      },
    };
  }
}

function invalid(error: string, description: string): { status: number; body: unknown } {
  return { status: 400, body: { error, error_description: description } };
}
