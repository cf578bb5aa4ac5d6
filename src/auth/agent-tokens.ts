import type { HaloTokenSource } from '../halo/call-scope.js';
import { HaloApiError } from '../halo/errors.js';
import type { Logger } from '../log.js';
import type { SharedLocks } from '../state/types.js';
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
/** Longer than a refresh by Halo takes; a replica that dies holding the lock frees it after this. */
const REFRESH_LOCK_TTL_MS = 10_000;
/** How long a replica waits for another one's refresh of the same grant. */
const REFRESH_WAIT_MS = 15_000;

export interface AgentTokensOptions {
  /**
   * Locks shared by the replicas: one refresh of a grant at a time across all of them, since Halo
   * rotates refresh tokens and refuses (and so ends the sign-in on) the second use of one.
   */
  locks?: SharedLocks;
}

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
    private readonly login: Pick<HaloLogin, 'refresh'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly options: AgentTokensOptions = {},
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
    return this.refresh(grantId, tokens.accessToken);
  }

  /**
   * Refreshes the agent's Halo tokens now (also on every refresh of the MCP client's tokens);
   * `replacing`: the access token found stale, when known.
   */
  refresh(grantId: string, replacing?: string): Promise<string> {
    let pending = this.refreshing.get(grantId);
    if (pending === undefined) {
      pending = this.refreshOnce(grantId, replacing).finally(() => this.refreshing.delete(grantId));
      this.refreshing.set(grantId, pending);
    }
    return pending;
  }

  private async refreshOnce(grantId: string, replacing?: string): Promise<string> {
    const { locks } = this.options;
    if (locks === undefined) return this.refreshWithHalo(grantId);
    const lock = `agent-refresh:${grantId}`;
    const stale = replacing ?? this.open(await this.requireGrant(grantId)).accessToken;
    for (let attempt = 1; ; attempt++) {
      const release = await locks.tryLock(lock, REFRESH_LOCK_TTL_MS);
      if (release !== undefined) {
        try {
          // Another replica may have refreshed between our read and the lock.
          return (await this.refreshedElsewhere(grantId, stale)) ?? (await this.refreshWithHalo(grantId));
        } finally {
          await release().catch((error: unknown) => {
            // The lock expires on its own.
            this.logger.warn('could not release the agent refresh lock', {
              message: error instanceof Error ? error.message : String(error),
            });
          });
        }
      }
      await locks.waitUnlocked(lock, REFRESH_WAIT_MS);
      const fresh = await this.refreshedElsewhere(grantId, stale);
      if (fresh !== undefined) return fresh;
      if (attempt === 2) {
        throw new HaloLoginError(
          "Another server is refreshing this agent's Halo sign-in: try again.",
          'failed',
        );
      }
    }
  }

  /** The grant's access token when it has replaced `stale` and is good for a while. */
  private async refreshedElsewhere(grantId: string, stale: string): Promise<string | undefined> {
    const tokens = this.open(await this.requireGrant(grantId));
    const usable =
      tokens.accessToken !== stale &&
      tokens.accessToken !== this.refused.get(grantId) &&
      tokens.expiresAt - EARLY_REFRESH_MS > this.now();
    return usable ? tokens.accessToken : undefined;
  }

  private async refreshWithHalo(grantId: string): Promise<string> {
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
