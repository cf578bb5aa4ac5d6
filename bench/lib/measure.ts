import { performance } from 'node:perf_hooks';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

export interface Measured<T> {
  value: T;
  ms: number;
  /** CPU time of this process during the run (user + system; other work in the process included). */
  cpuMs: number;
  /** Highest resident set size seen during the run (the whole process). */
  peakRssMb: number;
  /** Highest heap in use during the run above the heap in use just before it. */
  heapGrowthMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** True when the process runs with `--expose-gc`, so each run starts from a collected heap. */
export const gcExposed = gc !== undefined;

/** Times `run` and samples memory every 5 ms while it runs (after a forced GC when available). */
export async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = heapBefore;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > peakRss) peakRss = rss;
    if (heapUsed > peakHeap) peakHeap = heapUsed;
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await run();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    sample();
    return {
      value,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: peakRss / MB,
      heapGrowthMb: (peakHeap - heapBefore) / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Percentile by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
