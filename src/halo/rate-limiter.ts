import { HaloApiError } from './errors.js';
import type { WaitBudget } from './retry.js';

/**
 * Client-side rolling window: at most `requests` sends in any `windowMs`. Halo counts requests per
 * rolling 5 minutes and answers 429 beyond its limit; staying under it avoids the 429 altogether.
 */
export class RollingWindowLimiter {
  private readonly sent: number[] = [];
  waits = 0;

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes a slot, waiting for one to free within the caller's budget; otherwise fails fast. */
  async acquire(budget: WaitBudget, endpoint: string): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      if (this.sent.length < this.requests) {
        this.sent.push(now);
        return;
      }
      const waitMs = this.sent[0]! + this.windowMs - now;
      if (!budget.allows(waitMs)) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new HaloApiError(
          `The client-side limit of ${this.requests} Halo requests per ${Math.round(this.windowMs / 1000)} s is used up; retry after ${seconds} s.`,
          { status: 0, code: 'HALO_RATE_LIMITED', endpoint, retryAfterSeconds: seconds },
        );
      }
      this.waits++;
      await budget.wait(waitMs);
    }
  }
}

/** Caps the number of requests in flight; waiters are served in arrival order. */
export class ConcurrencyGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
