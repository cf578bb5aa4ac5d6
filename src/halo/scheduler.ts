import type { BudgetStore, BudgetWindow } from './budget-store.js';
import { HaloApiError } from './errors.js';
import type { Sleep } from './retry.js';

/**
 * Hands out Halo requests under a rolling window (at most `limit` sends in any `windowMs`; Halo
 * answers 429 beyond its own) and a cap on requests in flight. Requests that cannot go now queue,
 * and whenever a slot frees the scheduler picks, in this order:
 *   1. interactive calls (fewer than INTERACTIVE_REQUESTS sent and queued) before big ones;
 *   2. the identity that has used the least of the window (one caller's fair share);
 *   3. the call that has asked for the least (big calls take turns);
 *   4. arrival order.
 * Big calls may fill the window only up to `limit - reserve`, so short calls still get answers while
 * a portfolio walks its pages. A request whose turn would come after its call's deadline is refused
 * at once with the wait, never after sitting in the queue for nothing.
 */
export interface SchedulerOptions {
  limit: number;
  windowMs: number;
  maxConcurrency: number;
  store: BudgetStore;
  now: () => number;
  sleep: Sleep;
  /** Whose limit the pacing keeps under, for messages: "Halo's limit" unless told otherwise. */
  limitName?: string;
}

/** One call's account: every request of an MCP tool call or a /graphql request shares it. */
export interface CallAccount {
  identity: string;
  /** Requests granted to this call so far. */
  sent: number;
  /** Requests of this call waiting in the queue now (a fan-out shows here before it is sent). */
  queued?: number;
  /** Set once the call could not get its share in time: its later requests are refused at once. */
  refusal?: Error;
}

export interface SlotRequest {
  call: CallAccount;
  endpoint: string;
  /** Epoch ms by which the request must have started, or the call gives up. */
  deadline: number;
  signal?: AbortSignal;
  /** Told once, with the expected wait, when the request has to queue. */
  onQueued?: (waitMs: number) => void;
}

/** Frees the request's in-flight place; call once the response is read. */
export type Release = () => void;

/** A call is interactive while it has sent and queued fewer than this many requests. */
export const INTERACTIVE_REQUESTS = 8;
/** The share of the window big calls leave to interactive ones. */
export const RESERVE_SHARE = 0.3;

/** What a call asks of the window: sent so far plus waiting now, so a fan-out counts as big at once. */
const demand = (call: CallAccount): number => call.sent + (call.queued ?? 0);
const isInteractive = (call: CallAccount): boolean => demand(call) < INTERACTIVE_REQUESTS;

interface Waiter extends SlotRequest {
  seq: number;
  reported: boolean;
  grant: (release: Release) => void;
  refuse: (error: unknown) => void;
  onAbort?: () => void;
}

export class BudgetScheduler {
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private seq = 0;
  private pumping = false;
  private again = false;
  private wakeAt: number | undefined;
  /** Timed waits for the window to free a slot. */
  windowWaits = 0;
  private readonly bulkCap: number;

  constructor(private readonly options: SchedulerOptions) {
    this.bulkCap = Math.max(1, options.limit - Math.ceil(options.limit * RESERVE_SHARE));
  }

  acquire(request: SlotRequest): Promise<Release> {
    request.signal?.throwIfAborted();
    if (request.call.refusal) return Promise.reject(request.call.refusal);
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        ...request,
        seq: this.seq++,
        reported: false,
        grant: resolve,
        refuse: reject,
      };
      if (request.signal) {
        const signal = request.signal;
        waiter.onAbort = () => this.remove(waiter, signal.reason);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      request.call.queued = (request.call.queued ?? 0) + 1;
      void this.pump();
    });
  }

  private remove(waiter: Waiter, error?: unknown): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    waiter.call.queued = (waiter.call.queued ?? 1) - 1;
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    if (error !== undefined) waiter.refuse(error);
  }

  private release = (): void => {
    this.inFlight--;
    void this.pump();
  };

  /** Serialises `serve`: the store is asynchronous, and two passes must not grant the same slot. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.serve();
      } while (this.again);
    } catch (error) {
      // The store failed: nobody can be served safely.
      for (const waiter of [...this.queue]) this.remove(waiter, error);
    } finally {
      this.pumping = false;
    }
  }

  private async serve(): Promise<void> {
    const { store, windowMs } = this.options;
    while (this.queue.length > 0) {
      const now = this.options.now();
      const window = await store.view(now, windowMs);
      this.order(window);
      this.refuseHopeless(window, now);
      const head = this.queue[0];
      if (!head) return;
      if (head.deadline <= now && this.inFlight >= this.options.maxConcurrency) {
        this.remove(head, this.outOfTime(head));
        continue;
      }
      if (this.inFlight >= this.options.maxConcurrency) return; // a release pumps again
      const cap = this.capFor(head.call);
      if (window.sends.length < cap) {
        if (!(await store.take(head.call.identity, now, windowMs, cap))) continue; // taken elsewhere
        this.remove(head);
        head.call.sent++;
        this.inFlight++;
        let released = false;
        head.grant(() => {
          if (released) return;
          released = true;
          this.release();
        });
        continue;
      }
      // The window is full for the head: wake when its slot frees (or when someone's deadline passes).
      const frees = window.sends[window.sends.length - cap]! + windowMs;
      this.report(window, now);
      this.wake(
        this.queue.reduce((at, w) => Math.min(at, w.deadline), frees),
        now,
      );
      return;
    }
  }

  private capFor(call: CallAccount): number {
    return isInteractive(call) ? this.options.limit : this.bulkCap;
  }

  private order(window: BudgetWindow): void {
    const used = (w: Waiter) => window.byIdentity.get(w.call.identity) ?? 0;
    const bulk = (w: Waiter) => (isInteractive(w.call) ? 0 : 1);
    this.queue.sort(
      (a, b) => bulk(a) - bulk(b) || used(a) - used(b) || demand(a.call) - demand(b.call) || a.seq - b.seq,
    );
  }

  /**
   * When the waiter at `position` can expect to start: once enough sends have left the window for
   * it and everyone ahead of it. Undefined when the window does not hold it back.
   */
  private expectedStart(
    window: BudgetWindow,
    position: number,
    waiter: Waiter,
    now: number,
  ): number | undefined {
    const mustExpire = window.sends.length + position + 1 - this.capFor(waiter.call);
    if (mustExpire <= 0) return undefined;
    const send = window.sends[mustExpire - 1];
    // Beyond the sends already made: it waits for sends of those ahead to expire in turn.
    return send === undefined ? now + this.options.windowMs : send + this.options.windowMs;
  }

  private refuseHopeless(window: BudgetWindow, now: number): void {
    let position = 0;
    for (const waiter of [...this.queue]) {
      const start = this.expectedStart(window, position, waiter, now);
      if (!this.queue.includes(waiter)) continue;
      if (start !== undefined && start > waiter.deadline) {
        // The call cannot be answered in time: refuse all of it now rather than spend budget on a part.
        const others = this.queue.slice(0, this.queue.indexOf(waiter)).filter((w) => w.call !== waiter.call);
        const refusal = this.pacingError(window, waiter, others.length, start - now);
        waiter.call.refusal = refusal;
        for (const other of this.queue.filter((w) => w.call === waiter.call)) this.remove(other, refusal);
      } else {
        position++;
      }
    }
  }

  private report(window: BudgetWindow, now: number): void {
    this.queue.forEach((waiter, position) => {
      if (waiter.reported) return;
      waiter.reported = true;
      const start = this.expectedStart(window, position, waiter, now);
      waiter.onQueued?.(start === undefined ? 0 : start - now);
    });
  }

  private wake(at: number, now: number): void {
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    this.windowWaits++;
    void this.options.sleep(Math.max(0, at - now)).then(() => {
      if (this.wakeAt === at) this.wakeAt = undefined;
      void this.pump();
    });
  }

  private pacingError(window: BudgetWindow, waiter: Waiter, ahead: number, waitMs: number): HaloApiError {
    const { limit, windowMs } = this.options;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const details = [`${window.sends.length} of ${limit} used in the last ${Math.round(windowMs / 1000)} s`];
    if (ahead > 0) details.push(`${ahead} more queued ahead`);
    if (this.capFor(waiter.call) < limit) {
      details.push(
        `the last ${limit - this.bulkCap} kept for short calls, and this call has asked for ${demand(waiter.call)}`,
      );
    }
    return new HaloApiError(
      `This server is pacing requests to stay under ${this.options.limitName ?? "Halo's limit"} ` +
        `(${details.join(', ')}; next slot in ${seconds} s). Halo itself refused nothing.`,
      { status: 0, code: 'HALO_RATE_LIMITED', endpoint: waiter.endpoint, retryAfterSeconds: seconds },
    );
  }

  private outOfTime(waiter: Waiter): HaloApiError {
    return new HaloApiError(
      `The call ran out of time waiting for one of the ${this.options.maxConcurrency} connections to Halo before ${waiter.endpoint} could be sent.`,
      { status: 0, code: 'HALO_TIMEOUT', endpoint: waiter.endpoint },
    );
  }
}
