import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeTokenKey, type HaloConfig, type OAuthConfig } from '../config.js';
import type { CallScope } from '../halo/call-scope.js';
import type { Logger } from '../log.js';
import type { SharedLocks } from '../state/types.js';
import { AgentTokens } from './agent-tokens.js';
import { AuthorizationServer, SCOPE } from './authorization-server.js';
import { HaloLogin } from './halo-login.js';
import { createTokenSealer } from './sealed-tokens.js';
import { openSqliteStore } from './sqlite-store.js';
import type { AuthStore } from './store.js';

export type { AuthStore } from './store.js';

/** OAuth mode as the HTTP server uses it. */
export interface OAuthRuntime {
  server: AuthorizationServer;
  /**
   * For `/mcp` and `/graphql`: the signed-in agent's call scope, or undefined after answering 401
   * with `WWW-Authenticate: Bearer resource_metadata=...` (RFC 9728) so the client can sign in.
   */
  authenticate(req: IncomingMessage, res: ServerResponse): Promise<CallScope | undefined>;
  close(): Promise<void>;
}

export interface OAuthOptions {
  logger: Logger;
  /** Default: the SQLite store at `config.storePath`. */
  store?: AuthStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** Replicas sharing state: one refresh of an agent's Halo token at a time across all of them. */
  locks?: SharedLocks;
}

export function identityOfAgent(agentId: number): string {
  return `halo-agent:${agentId}`;
}

export function startOAuth(config: OAuthConfig, halo: HaloConfig, options: OAuthOptions): OAuthRuntime {
  const { logger } = options;
  const key = decodeTokenKey(config.tokenKey);
  if (key === undefined) throw new Error('HALO_MCP_TOKEN_KEY is not a 32-byte key.');
  const previous = config.previousTokenKeys.flatMap((k) => decodeTokenKey(k) ?? []);
  if (!halo.agentLoginClientId) throw new Error('HALO_AGENT_LOGIN_CLIENT_ID is required in OAuth mode.');
  const store = options.store ?? openSqliteStore(config.storePath, options.now);
  const login = new HaloLogin({
    instanceUrl: halo.instanceUrl,
    authUrl: halo.authUrl,
    clientId: halo.agentLoginClientId,
    ...(halo.tenant ? { tenant: halo.tenant } : {}),
    redirectUri: `${config.publicUrl}/oauth/halo/callback`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const agents = new AgentTokens(store, createTokenSealer(key, previous), login, logger, options.now, {
    ...(options.locks ? { locks: options.locks } : {}),
  });
  const server = new AuthorizationServer({
    config,
    store,
    halo: login,
    agents,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });

  const challenge = (res: ServerResponse, problem?: string) => {
    const parts = [`resource_metadata="${server.resourceMetadataUrl}"`, `scope="${SCOPE}"`];
    if (problem) parts.push('error="invalid_token"', `error_description="${problem.replace(/"/g, "'")}"`);
    res
      .writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer ${parts.join(', ')}`,
      })
      .end(
        JSON.stringify({
          error: problem ? 'invalid_token' : 'unauthorized',
          error_description: problem ?? 'Sign in: this server uses OAuth.',
        }),
      );
  };

  return {
    server,
    async authenticate(req, res) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token === undefined) {
        challenge(res);
        return undefined;
      }
      const verified = await server.verify(token);
      if ('problem' in verified) {
        challenge(res, verified.problem);
        return undefined;
      }
      const { grant } = verified;
      return {
        identity: identityOfAgent(grant.agentId),
        agent: { id: grant.agentId, name: grant.agentName },
        haloToken: agents.source(grant.grantId),
      };
    },
    close: () => store.close(),
  };
}
