import type { RateLimitSpec } from './types.js';

/** Rolling-window limiter: at most `requests` accepted within any `windowMs`. */
export class RateLimiter {
  private accepted: number[] = [];
  private head = 0;

  constructor(private spec: RateLimitSpec) {}

  get limit(): RateLimitSpec {
    return this.spec;
  }

  set(spec: RateLimitSpec): void {
    this.spec = spec;
    this.accepted = [];
    this.head = 0;
  }

  /** Records the request and returns true when it is within the limit. */
  tryAcquire(now: number): boolean {
    if (this.spec === false) return true;
    const oldest = now - this.spec.windowMs;
    while (this.head < this.accepted.length && (this.accepted[this.head] ?? 0) <= oldest) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.accepted.length) {
      this.accepted = this.accepted.slice(this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= this.spec.requests) return false;
    this.accepted.push(now);
    return true;
  }

  message(): string {
    const requests = this.spec === false ? 0 : this.spec.requests;
    return `Rate Limit Reached - ${requests} Requests per rolling 5 minute window`;
  }
}
