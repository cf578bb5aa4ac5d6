import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AgentLogin } from './agent-login.js';
import type { TokenStore } from './token-store.js';

export interface AuthConfig {
  clientId: string;
  clientSecret: string;
  tenant: string | undefined;
  tokenLifetimeSeconds: number;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

function oauthError(status: number, error: string, description: string): JsonAnswer {
  return { status, body: { error, error_description: description } };
}

/** `client_secret_post` form fields, else `client_secret_basic`. */
function clientCredentials(
  form: URLSearchParams,
  headers: IncomingHttpHeaders,
): [string, string] | undefined {
  const id = form.get('client_id');
  if (id !== null) return [id, form.get('client_secret') ?? ''];
  const match = /^basic\s+(.+)$/i.exec(headers.authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
}

/** Looks like the JWT id_token Halo's OpenIddict server returns; nothing verifies it. */
function idToken(clientId: string, now: number, lifetimeSeconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(now / 1000);
  const claims = { sub: clientId, aud: clientId, iat, exp: iat + lifetimeSeconds };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
}

/** `POST {authUrl}/token[?tenant=]`: the client-credentials grant Halo's auth server answers. */
export function tokenAnswer(
  form: URLSearchParams,
  tenant: string | null,
  headers: IncomingHttpHeaders,
  config: AuthConfig,
  tokens: TokenStore,
  now: number,
  agentLogin: AgentLogin,
): JsonAnswer {
  const grant = form.get('grant_type');
  if (grant === null)
    return oauthError(400, 'invalid_request', "The mandatory 'grant_type' parameter is missing.");
  if (!['client_credentials', 'authorization_code', 'refresh_token'].includes(grant)) {
    return oauthError(400, 'unsupported_grant_type', 'The specified grant type is not supported.');
  }
  if (config.tenant !== undefined) {
    if (tenant === null || tenant === '') {
      return oauthError(400, 'invalid_request', "The mandatory 'tenant' parameter is missing.");
    }
    if (tenant.toLowerCase() !== config.tenant.toLowerCase()) {
      return oauthError(401, 'invalid_client', 'The specified tenant is not valid for this client.');
    }
  }
  if (grant === 'authorization_code') return agentLogin.codeGrant(form, now);
  if (grant === 'refresh_token') return agentLogin.refreshGrant(form, now);
  const credentials = clientCredentials(form, headers);
  if (
    credentials === undefined ||
    credentials[0] !== config.clientId ||
    credentials[1] !== config.clientSecret
  ) {
    return { status: 401, body: { error: 'invalid_client' } };
  }
  const lifetime = config.tokenLifetimeSeconds;
  return {
    status: 200,
    body: {
      access_token: tokens.issue(now, lifetime),
      token_type: 'Bearer',
      expires_in: lifetime,
      scope: form.get('scope') || 'all',
      refresh_token: randomBytes(32).toString('base64url'),
      id_token: idToken(config.clientId, now, lifetime),
    },
  };
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}

/** `GET /api/authinfo`, unauthenticated: where to get tokens. */
export function authInfo(authUrl: string, tenant: string | undefined): unknown {
  return { auth_url: authUrl, tenant_id: tenant ?? '' };
}

/** `GET {authUrl}/.well-known/openid-configuration`. */
export function openIdConfiguration(authUrl: string): unknown {
  return {
    issuer: `${authUrl}/`,
    authorization_endpoint: `${authUrl}/authorize`,
    token_endpoint: `${authUrl}/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
    scopes_supported: ['all', 'offline_access'],
  };
}
