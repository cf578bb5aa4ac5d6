/**
 * A clock that only moves when the code under test sleeps: inject `now` and `sleep` into the Halo
 * client to assert how long it chose to wait without waiting for real.
 */
export interface ManualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Moves time forward without a sleep (e.g. past a token's expiry). */
  advance: (ms: number) => void;
  /** Every wait the code asked for, in order. */
  readonly sleeps: number[];
  /** Sum of the waits. */
  readonly slept: number;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms) => {
      time += ms;
    },
    sleeps,
    get slept() {
      return sleeps.reduce((sum, ms) => sum + ms, 0);
    },
  };
}
