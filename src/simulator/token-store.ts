import { randomBytes } from 'node:crypto';

/** Opaque bearer tokens and their expiry times. */
export class TokenStore {
  private readonly expiry = new Map<string, number>();

  issue(now: number, lifetimeSeconds: number): string {
    const token = randomBytes(32).toString('base64url');
    this.expiry.set(token, now + lifetimeSeconds * 1000);
    return token;
  }

  isValid(token: string, now: number): boolean {
    const expiresAt = this.expiry.get(token);
    return expiresAt !== undefined && now < expiresAt;
  }

  expireAll(): void {
    this.expiry.clear();
  }
}
