import { isApiPath, pathMatches } from './request-log.js';
import type { FailOptions } from './types.js';

export type Fault =
  | { kind: 'fail'; status: number; retryAfterSeconds?: number; body?: unknown }
  | { kind: 'malformed' }
  | { kind: 'reset' }
  | { kind: 'hang'; ms: number };

interface PendingFault {
  fault: Fault;
  remaining: number;
  pathPrefix: string | undefined;
}

/**
 * Faults queued by tests. A fault without a path prefix applies to `/api` requests other than
 * `/api/authinfo`; one with a prefix applies to any path under it (so `/auth` can be targeted).
 * Only requests a fault applies to use it up; the earliest queued fault that applies wins.
 */
export class FaultQueue {
  private pending: PendingFault[] = [];

  add(fault: Fault, n: number, pathPrefix?: string): void {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`fault count must be a positive integer, got ${n}`);
    this.pending.push({ fault, remaining: n, pathPrefix });
  }

  failNext(n: number, status: number, opts: FailOptions = {}): void {
    this.add(
      { kind: 'fail', status, retryAfterSeconds: opts.retryAfterSeconds, body: opts.body },
      n,
      opts.pathPrefix,
    );
  }

  /** Takes the fault for a request to `path`, if any applies. */
  take(path: string): Fault | undefined {
    const index = this.pending.findIndex((p) =>
      p.pathPrefix === undefined ? isApiPath(path) : pathMatches(path, p.pathPrefix),
    );
    const found = this.pending[index];
    if (found === undefined) return undefined;
    found.remaining -= 1;
    if (found.remaining === 0) this.pending.splice(index, 1);
    return found.fault;
  }

  clear(): void {
    this.pending = [];
  }
}
