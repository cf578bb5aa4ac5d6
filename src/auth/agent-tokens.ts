import type { HaloTokenSource } from '../halo/call-scope.js';
import { HaloApiError } from '../halo/errors.js';
import type { Logger } from '../log.js';
import { type HaloLogin, HaloLoginError, type HaloTokens } from './halo-login.js';
import type { TokenSealer } from './sealed-tokens.js';
import type { AuthStore } from './store.js';

/** One signed-in agent's authorization: whose Halo tokens, for which MCP client. */
export interface Grant {
  grantId: string;
  clientId: string;
  agentId: number;
  agentName: string;
  resource: string;
  scope: string;
  /** The agent's Halo tokens, sealed (AES-GCM). */
  halo: string;
  /** Epoch ms: the grant ends with its last refresh token. */
  expiresAt: number;
}

/** Refresh Halo's access token this long before it expires. */
const EARLY_REFRESH_MS = 60_000;

/**
 * The agents' Halo tokens: opened from the store for each call, refreshed shortly before they
 * expire (one refresh per grant at a time), re-sealed under the current key when an older key
 * sealed them. When Halo no longer honours a refresh token the grant is deleted: the MCP client's
 * tokens stop working and it signs the agent in again.
 */
export class AgentTokens {
  private readonly refreshing = new Map<string, Promise<string>>();
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly store: AuthStore,
    private readonly sealer: TokenSealer,
    private readonly login: HaloLogin,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async grant(grantId: string): Promise<Grant | undefined> {
    return this.store.get<Grant>('grant', grantId);
  }

  seal(tokens: HaloTokens): string {
    for (const secret of [tokens.accessToken, tokens.refreshToken]) this.logger.addSecret(secret);
    return this.sealer.seal(JSON.stringify(tokens));
  }

  source(grantId: string): HaloTokenSource {
    return {
      token: () =>
        this.token(grantId).catch((error: unknown) => {
          if (!(error instanceof HaloLoginError)) throw error;
          // Reported like any refusal by Halo, so the tool answer says what to do.
          throw new HaloApiError(error.message, {
            status: 401,
            code: error.reason === 'revoked' ? 'HALO_UNAUTHORIZED' : 'HALO_UNAVAILABLE',
            endpoint: 'POST /auth/token',
          });
        }),
      invalidate: (token) => {
        this.refused.set(grantId, token);
      },
    };
  }

  private async token(grantId: string): Promise<string> {
    const grant = await this.requireGrant(grantId);
    const tokens = this.open(grant);
    const refused = this.refused.get(grantId) === tokens.accessToken;
    if (!refused && tokens.expiresAt - EARLY_REFRESH_MS > this.now()) return tokens.accessToken;
    return this.refresh(grantId);
  }

  /** Refreshes the agent's Halo tokens now (also on every refresh of the MCP client's tokens). */
  refresh(grantId: string): Promise<string> {
    let pending = this.refreshing.get(grantId);
    if (pending === undefined) {
      pending = this.refreshOnce(grantId).finally(() => this.refreshing.delete(grantId));
      this.refreshing.set(grantId, pending);
    }
    return pending;
  }

  private async refreshOnce(grantId: string): Promise<string> {
    const grant = await this.requireGrant(grantId);
    const current = this.open(grant);
    if (!current.refreshToken) {
      await this.store.deleteGrant(grantId);
      throw new HaloLoginError('Halo gave no refresh token: sign in to Halo again.', 'revoked');
    }
    let next: HaloTokens;
    try {
      next = await this.login.refresh(current.refreshToken);
    } catch (error) {
      if (error instanceof HaloLoginError && error.reason === 'revoked') {
        this.logger.info('halo refused the refresh token; the agent must sign in again', {
          agent: grant.agentId,
        });
        await this.store.deleteGrant(grantId);
      }
      throw error;
    }
    this.refused.delete(grantId);
    await this.saveGrant({ ...grant, halo: this.seal(next) });
    return next.accessToken;
  }

  saveGrant(grant: Grant): Promise<void> {
    return this.store.put('grant', grant.grantId, grant, { expiresAt: grant.expiresAt });
  }

  private async requireGrant(grantId: string): Promise<Grant> {
    const grant = await this.grant(grantId);
    if (grant === undefined) throw new HaloLoginError('This sign-in has ended: sign in again.', 'revoked');
    return grant;
  }

  private open(grant: Grant): HaloTokens {
    const opened = this.sealer.open(grant.halo);
    const tokens = JSON.parse(opened.plaintext) as HaloTokens;
    for (const secret of [tokens.accessToken, tokens.refreshToken]) this.logger.addSecret(secret);
    if (opened.stale) {
      // Sealed under a previous key: re-seal under the current one (best effort, the read goes on).
      void this.saveGrant({ ...grant, halo: this.sealer.seal(opened.plaintext) });
    }
    return tokens;
  }
}
