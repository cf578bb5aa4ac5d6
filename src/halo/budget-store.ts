/**
 * Where the rolling window's send times live. The scheduler decides who goes next; the store only
 * counts, so several server processes can share one Halo budget by sharing a store (a Redis
 * implementation takes `take` as one atomic step). Times are epoch milliseconds.
 */
export interface BudgetStore {
  /** The sends still inside the window that ends at `now`. */
  view(now: number, windowMs: number): Promise<BudgetWindow>;
  /**
   * Records one send for `identity` when fewer than `cap` sends are inside the window, atomically
   * against every other user of the store; false when the window was already at `cap`.
   */
  take(identity: string, now: number, windowMs: number, cap: number): Promise<boolean>;
}

export interface BudgetWindow {
  /** Send times inside the window, oldest first. */
  sends: readonly number[];
  /** How many of them each identity made. */
  byIdentity: ReadonlyMap<string, number>;
}

/** The default store: one process, one window. */
export class MemoryBudgetStore implements BudgetStore {
  private times: number[] = [];
  private identities: string[] = [];
  private head = 0;
  private readonly counts = new Map<string, number>();

  async view(now: number, windowMs: number): Promise<BudgetWindow> {
    this.prune(now, windowMs);
    return { sends: this.times.slice(this.head), byIdentity: new Map(this.counts) };
  }

  async take(identity: string, now: number, windowMs: number, cap: number): Promise<boolean> {
    this.prune(now, windowMs);
    if (this.times.length - this.head >= cap) return false;
    this.times.push(now);
    this.identities.push(identity);
    this.counts.set(identity, (this.counts.get(identity) ?? 0) + 1);
    return true;
  }

  private prune(now: number, windowMs: number): void {
    const oldest = now - windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= oldest) {
      const identity = this.identities[this.head]!;
      const left = (this.counts.get(identity) ?? 1) - 1;
      if (left > 0) this.counts.set(identity, left);
      else this.counts.delete(identity);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.identities = this.identities.slice(this.head);
      this.head = 0;
    }
  }
}
