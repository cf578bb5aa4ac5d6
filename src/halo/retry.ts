import { type HaloApiError, isHaloApiError, isTransient } from './errors.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The time one call may take, across rate-limit waits, retry backoff and the attempts themselves.
 * Waits count as asked for (so an injected sleep behaves like a real one) and the clock counts
 * the attempts, so a Halo that hangs cannot hold a call much past the budget.
 */
export class WaitBudget {
  private spentMs = 0;
  private readonly startedAt: number;
  constructor(
    private readonly limitMs: number,
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  get remainingMs(): number {
    const used = Math.max(this.spentMs, this.now() - this.startedAt);
    return Math.max(0, this.limitMs - used);
  }

  allows(ms: number): boolean {
    return ms <= this.remainingMs;
  }

  async wait(ms: number): Promise<void> {
    this.spentMs += ms;
    if (ms > 0) await this.sleep(ms);
  }
}

/** The timeout of an attempt made with the call's budget already spent (a budget of 0 still tries once). */
const MIN_ATTEMPT_MS = 2000;

/**
 * An attempt runs at most to the end of the call's budget, so a hung Halo cannot hold a call long
 * beyond it; but once sent it gets at least MIN_ATTEMPT_MS: a request granted with a few ms left
 * (its turn came just before the call's deadline) would otherwise time out before Halo could answer,
 * spend a slot of the budget for nothing and blame the connection.
 */
export const attemptTimeout = (budget: WaitBudget): number => Math.max(budget.remainingMs, MIN_ATTEMPT_MS);

export interface BackoffOptions {
  /** First backoff delay; doubles on each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export interface RetryOptions {
  maxRetries: number;
  budget: WaitBudget;
  backoff: BackoffOptions;
  /**
   * Retry one 500 per call: reads are idempotent, and a 500 is as often a passing fault in Halo as a
   * lasting one. A second 500 is final. Off for the token request (a POST).
   */
  retryServerErrorOnce?: boolean;
  /** Called before each wait, e.g. for stats and logging. */
  onRetry?: (error: HaloApiError, attempt: number, delayMs: number) => void;
}

/** Exponential backoff with jitter: half the step fixed, half random. */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (options.random() * step) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, runs out of retries, or the
 * next wait would overrun the budget. A server `Retry-After` is honoured exactly, never shortened.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  let serverErrorRetried = false;
  const retryable = (error: unknown): error is HaloApiError => {
    if (isTransient(error)) return true;
    if (!options.retryServerErrorOnce || serverErrorRetried) return false;
    if (!isHaloApiError(error) || error.status !== 500) return false;
    serverErrorRetried = true;
    return true;
  };
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!retryable(error) || n > options.maxRetries) throw error;
      const delayMs =
        error.retryAfterSeconds === undefined
          ? backoffDelay(n, options.backoff)
          : error.retryAfterSeconds * 1000;
      if (!options.budget.allows(delayMs)) throw error;
      options.onRetry?.(error, n, delayMs);
      await options.budget.wait(delayMs);
    }
  }
}
