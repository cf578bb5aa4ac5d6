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

interface Send {
  at: number;
  identity: string;
}

/** The default store: one process, one window. */
export class MemoryBudgetStore implements BudgetStore {
  private sends: Send[] = [];
  private head = 0;

  async view(now: number, windowMs: number): Promise<BudgetWindow> {
    this.prune(now, windowMs);
    const live = this.sends.slice(this.head);
    const byIdentity = new Map<string, number>();
    for (const send of live) byIdentity.set(send.identity, (byIdentity.get(send.identity) ?? 0) + 1);
    return { sends: live.map((send) => send.at), byIdentity };
  }

  async take(identity: string, now: number, windowMs: number, cap: number): Promise<boolean> {
    this.prune(now, windowMs);
    if (this.sends.length - this.head >= cap) return false;
    this.sends.push({ at: now, identity });
    return true;
  }

  private prune(now: number, windowMs: number): void {
    const oldest = now - windowMs;
    while (this.head < this.sends.length && this.sends[this.head]!.at <= oldest) this.head++;
    if (this.head > 1024 && this.head * 2 > this.sends.length) {
      this.sends = this.sends.slice(this.head);
      this.head = 0;
    }
  }
}
