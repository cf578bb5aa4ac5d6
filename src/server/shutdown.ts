import type { Server, ServerResponse } from 'node:http';

// Graceful shutdown: on SIGTERM/SIGINT new calls are turned away (503, the listener stays up so
// `/health` can say "draining"), calls in flight finish up to the drain time, then the server closes.

export const DEFAULT_DRAIN_MS = 20_000;

export interface HttpLifecycle {
  readonly draining: boolean;
  /** Counts a request as in flight until its response closes. */
  track(res: ServerResponse): void;
  readonly inFlight: number;
  /**
   * Stops taking calls, waits for those in flight (at most `ms`), then closes every connection and
   * the listener. Resolves with how many calls were still running when the time was up.
   */
  drain(ms: number): Promise<{ unfinished: number }>;
}

const lifecycles = new WeakMap<Server, HttpLifecycle>();

/** The lifecycle of a server made by `createHttpServer` (one per server). */
export function lifecycleOf(server: Server): HttpLifecycle {
  let life = lifecycles.get(server);
  if (!life) {
    life = createLifecycle(server);
    lifecycles.set(server, life);
  }
  return life;
}

function createLifecycle(server: Server): HttpLifecycle {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let drained: Promise<{ unfinished: number }> | undefined;
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    track(res) {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
    },
    drain(ms) {
      drained ??= (async () => {
        draining = true;
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        if (inFlight > 0) {
          await new Promise<void>((done) => {
            idle = done;
            timer = setTimeout(done, ms);
          });
        }
        clearTimeout(timer);
        const unfinished = inFlight;
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        return { unfinished };
      })();
      return drained;
    },
  };
}

/**
 * For a stdio session: counts the requests a transport has received and not yet answered. The
 * transport's `onmessage` and `send` are wrapped after the server connected to it.
 */
export interface MessageTransport {
  onmessage?: ((message: never, extra?: never) => void) | undefined;
  send(message: never, options?: never): Promise<void>;
}

export function trackPendingRequests(transport: MessageTransport): {
  pending(): number;
  idle(): Promise<void>;
} {
  const pending = new Set<string | number>();
  let waiting: Array<() => void> = [];
  const settle = () => {
    if (pending.size > 0) return;
    for (const done of waiting) done();
    waiting = [];
  };
  const receive = transport.onmessage as ((message: unknown, extra?: unknown) => void) | undefined;
  transport.onmessage = ((message: unknown, extra?: unknown) => {
    const m = message as { id?: string | number; method?: unknown };
    if (m.id !== undefined && m.method !== undefined) pending.add(m.id);
    receive?.(message, extra);
  }) as MessageTransport['onmessage'];
  const send = transport.send.bind(transport) as (message: unknown, options?: unknown) => Promise<void>;
  transport.send = (async (message: unknown, options?: unknown) => {
    await send(message, options);
    const m = message as { id?: string | number; method?: unknown };
    if (m.id !== undefined && m.method === undefined && pending.delete(m.id)) settle();
  }) as MessageTransport['send'];
  return {
    pending: () => pending.size,
    idle: () => (pending.size === 0 ? Promise.resolve() : new Promise((done) => waiting.push(done))),
  };
}
