/**
 * Merges identical work in flight: while a read for `key` runs, every other caller asking for the
 * same key waits for that read instead of starting its own. Nothing is kept once it settles, so this
 * is not a cache: a later caller reads afresh. Each waiter can still leave on its own signal.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();
  /** Callers answered by a flight someone else started. */
  merged = 0;

  /** `share` gives each merged caller its own copy, so no caller sees another's changes. */
  constructor(private readonly share: (value: T) => T = (value) => value) {}

  run(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const running = this.flights.get(key);
    if (running) {
      this.merged++;
      const copy = running.then(this.share);
      return signal ? abortable(copy, signal) : copy;
    }
    const flight = work().finally(() => {
      this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return flight;
  }
}

/** Settles as `promise` does, or rejects with the signal's reason when it aborts first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
