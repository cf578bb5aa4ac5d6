/**
 * Where the authorization server keeps its state: registered clients, authorization requests
 * waiting for Halo, codes, grants (with the agent's sealed Halo tokens), access and refresh tokens.
 * Token-like keys are always SHA-256 hashes, never the tokens themselves. Every method is async so
 * that a shared store (Redis, for several server instances) can implement the same interface.
 */
export type AuthRecordKind = 'client' | 'pending' | 'code' | 'grant' | 'access' | 'refresh';

export interface PutOptions {
  /** Epoch ms after which the record is gone; never when absent. */
  expiresAt?: number;
  /** The grant the record belongs to: `deleteGrant` removes it with the grant. */
  grantId?: string;
}

export interface Consumed<T> {
  value: T;
  /** True when the record had been consumed before (a replayed code or refresh token). */
  replay: boolean;
}

export interface AuthStore {
  put(kind: AuthRecordKind, key: string, value: unknown, options?: PutOptions): Promise<void>;
  get<T>(kind: AuthRecordKind, key: string): Promise<T | undefined>;
  /**
   * Marks a single-use record used, atomically: the first caller gets `replay: false`, every later
   * one `replay: true` (the record stays, marked, until it expires); unknown or expired: undefined.
   */
  consume<T>(kind: AuthRecordKind, key: string): Promise<Consumed<T> | undefined>;
  delete(kind: AuthRecordKind, key: string): Promise<void>;
  /** Removes the grant and every record that belongs to it (tokens, codes). */
  deleteGrant(grantId: string): Promise<void>;
  close(): Promise<void>;
}
