import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createReferenceCache, type ReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../../src/graphql/yoga.js';
import type { HaloClient } from '../../src/halo/index.js';
import type { LogEntry, RunningSimulator } from '../../src/simulator/types.js';
import { startTestHalo, type TestHaloOptions } from './halo.js';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface GraphQLHarness {
  sim: RunningSimulator;
  client: HaloClient;
  /** The shared reference cache: `reference.clear()` makes the next operation a cold one. */
  reference: ReferenceCache;
  yoga: HaloYoga;
  /** Runs one operation in-process through yoga (the same pipeline HTTP uses). */
  // biome-ignore lint/suspicious/noExplicitAny: tests pick the shape they assert on.
  run<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Requests the simulator received under `/api` since the last `resetLog()`. */
  requests(): LogEntry[];
  resetLog(): void;
  stop(): Promise<void>;
}

/**
 * The simulator, a real REST client on it, and the GraphQL server over that client, with
 * "today" taken from the dataset. Stop it in `afterAll`.
 */
export async function startGraphQLHarness(options: TestHaloOptions = {}): Promise<GraphQLHarness> {
  const halo = await startTestHalo(options);
  const reference = createReferenceCache(halo.client, halo.config.referenceTtlMs);
  const yoga = createHaloYoga({ halo: halo.client, reference, today: () => halo.sim.data.today });
  return {
    sim: halo.sim,
    client: halo.client,
    reference,
    yoga,
    async run(query, variables) {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    requests: () => halo.sim.log.apiRequests(),
    resetLog: () => halo.sim.log.reset(),
    stop: () => halo.stop(),
  };
}

/**
 * One harness for a test file, registered with vitest hooks and made cold before each test (empty
 * request log, empty reference cache), so request counts in a test do not depend on the others.
 */
export function useGraphQLHarness(options: TestHaloOptions = {}): GraphQLHarness {
  const harness = {} as GraphQLHarness;
  beforeAll(async () => {
    Object.assign(harness, await startGraphQLHarness(options));
  });
  afterAll(() => harness.stop?.());
  beforeEach(() => {
    harness.reference.clear();
    harness.resetLog();
  });
  return harness;
}
