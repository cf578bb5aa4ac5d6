import type { CallScope, UpstreamEvent } from '../halo/call-scope.js';
import { type ProgressState, ReadProgress } from './read-progress.js';

/**
 * How long a tool call may take. MCP clients give up on a request after about 60 s unless progress
 * resets their clock (the SDKs' default request timeout); stopping at 50 s leaves time for the
 * answer to say what to narrow instead of the client cutting the call off.
 */
export const DEFAULT_CALL_TIME_LIMIT_MS = 50_000;

/** Progress goes out at most this often (a portfolio reads hundreds of pages). */
const PROGRESS_INTERVAL_MS = 250;

/** A call that answers within this needs no progress. */
const QUICK_CALL_MS = 1_000;

/**
 * The pace of a call is trusted for an estimate of the rest after this many reads and this share
 * of its time limit (its first reads are the slowest: token, lookups, page 1 before the others).
 */
const READS_BEFORE_ESTIMATE = 4;
const ESTIMATE_AFTER = 0.2;

/** The call was stopped because it could not answer within its time limit. */
export class CallTooLong extends Error {
  override readonly name = 'CallTooLong';
}

export interface ToolCallScopeOptions {
  /** The client's cancellation (MCP `notifications/cancelled`, an HTTP disconnect). */
  signal: AbortSignal;
  /** Sends one progress notification; absent when the client asked for none. */
  sendProgress?: (state: ProgressState) => Promise<void>;
  timeLimitMs: number;
  /** What the caller can narrow, for the too-long answer ("a shorter period (from, to)"). */
  narrowing: string;
  now?: () => number;
}

export interface ToolCallScope {
  scope: CallScope;
  /** Why the call was stopped by us (not by the client), once it was. */
  stopped(): CallTooLong | undefined;
  /** Ends progress and timers; nothing is sent for the call after this. */
  finish(): void;
}

/**
 * The CallScope of one tool call: the client's cancellation, plus our own stop when the call
 * will not make its time limit (estimated from its pace and the pages its list walks still have
 * to read, or reached), and progress in pages read from the second read on.
 */
export function openToolCallScope(options: ToolCallScopeOptions): ToolCallScope {
  const now = options.now ?? Date.now;
  const started = now();
  const deadline = started + options.timeLimitMs;
  const controller = new AbortController();
  const forward = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) forward();
  else options.signal.addEventListener('abort', forward, { once: true });

  let reason: CallTooLong | undefined;
  const stop = (message: string) => {
    if (controller.signal.aborted) return;
    reason = new CallTooLong(message);
    controller.abort(reason);
  };
  const limitSeconds = Math.round(options.timeLimitMs / 1000);
  const timer = setTimeout(
    () =>
      stop(
        `This call did not finish within ${limitSeconds} s, so it was stopped. Narrow it: ${options.narrowing}.`,
      ),
    options.timeLimitMs,
  );
  timer.unref?.();

  const progress = new ReadProgress();
  const reporter = options.sendProgress ? throttled(options.sendProgress, now) : undefined;

  const onUpstream = (event: UpstreamEvent) => {
    const state = progress.record(event);
    if (!state || controller.signal.aborted) return;
    // Only a call of several rounds reports: one with pages still to read, or one that runs long.
    if (state.total !== undefined || now() - started >= QUICK_CALL_MS) reporter?.push(state);
    const left = progress.remaining();
    const elapsed = now() - started;
    if (progress.pagesRead < READS_BEFORE_ESTIMATE || left === 0) return;
    if (elapsed < options.timeLimitMs * ESTIMATE_AFTER) return;
    const msPerPage = elapsed / progress.pagesRead;
    const etaMs = left * msPerPage;
    if (now() + etaMs > deadline) {
      stop(
        `This call would need about ${left} more Halo pages (some ${Math.ceil(etaMs / 1000)} s at this pace), more than the ${limitSeconds} s a client waits, so it was stopped early. Narrow it: ${options.narrowing}.`,
      );
    }
  };

  return {
    scope: { signal: controller.signal, deadline, onUpstream },
    stopped: () => reason,
    finish() {
      clearTimeout(timer);
      reporter?.stop();
      options.signal.removeEventListener('abort', forward);
    },
  };
}

/** Sends the newest state at most every PROGRESS_INTERVAL_MS, the last one trailing. */
function throttled(send: (state: ProgressState) => Promise<void>, now: () => number) {
  let last = Number.NEGATIVE_INFINITY;
  let lastSent = 0;
  let pending: ProgressState | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const flush = () => {
    timer = undefined;
    // Progress must increase with every notification.
    if (stopped || !pending || pending.progress <= lastSent) return;
    const state = pending;
    pending = undefined;
    last = now();
    lastSent = state.progress;
    send(state).catch(() => undefined);
  };
  return {
    push(state: ProgressState) {
      pending = state;
      const wait = last + PROGRESS_INTERVAL_MS - now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
