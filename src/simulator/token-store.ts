import { randomBytes } from 'node:crypto';

interface IssuedToken {
  expiresAt: number;
  /** Set for an agent's login token; absent for an API application's. */
  agentId?: number;
}

/** Opaque bearer and refresh tokens: expiry, and the agent a login token belongs to. */
export class TokenStore {
  private readonly access = new Map<string, IssuedToken>();
  private readonly refresh = new Map<string, { agentId: number; clientId: string }>();

  issue(now: number, lifetimeSeconds: number, agentId?: number): string {
    const token = randomBytes(32).toString('base64url');
    this.access.set(token, { expiresAt: now + lifetimeSeconds * 1000, ...(agentId ? { agentId } : {}) });
    return token;
  }

  isValid(token: string, now: number): boolean {
    return this.find(token, now) !== undefined;
  }

  /** The live token's record, or undefined when unknown or expired. */
  find(token: string, now: number): IssuedToken | undefined {
    const issued = this.access.get(token);
    return issued !== undefined && now < issued.expiresAt ? issued : undefined;
  }

  issueRefresh(agentId: number, clientId: string): string {
    const token = randomBytes(32).toString('base64url');
    this.refresh.set(token, { agentId, clientId });
    return token;
  }

  /** Refresh tokens are single-use (rotated on every refresh, as OpenIddict does). */
  takeRefresh(token: string): { agentId: number; clientId: string } | undefined {
    const grant = this.refresh.get(token);
    this.refresh.delete(token);
    return grant;
  }

  expireAll(): void {
    this.access.clear();
  }

  revokeRefreshTokens(): void {
    this.refresh.clear();
  }
}
