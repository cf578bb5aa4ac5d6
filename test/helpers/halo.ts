import type { HaloConfig } from '../../src/config.js';
import { createHaloClient, type HaloClient, type HaloClientOptions } from '../../src/halo/client.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/types.js';

type DatasetSize = Parameters<
  typeof import('../../src/simulator/generate/index.js').generateDataset
>[0]['size'];

/** The generator is loaded only when a test asks for generated data. */
async function generated(size: DatasetSize): Promise<Dataset> {
  const { generateDataset } = await import('../../src/simulator/generate/index.js');
  return generateDataset({ size });
}

export interface TestHaloOptions extends Partial<Omit<SimulatorOptions, 'dataset'>> {
  /** Default: `generateDataset({ size })`. */
  dataset?: Dataset;
  /** Size of the generated dataset when none is given. Default `tiny`. */
  size?: DatasetSize;
  /** Overrides of the fast test client settings. */
  client?: Partial<HaloConfig>;
  /** Injected clock, logger, fetch, backoff... for the client. */
  clientOptions?: HaloClientOptions;
}

export interface TestHalo {
  sim: RunningSimulator;
  config: HaloConfig;
  client: HaloClient;
  /** Closes the client and stops the simulator. */
  stop(): Promise<void>;
}

export const TEST_CLIENT_ID = 'test-client';
export const TEST_CLIENT_SECRET = 'test-secret-d41d8cd98f00b204';

/** Client settings for tests: short timeouts, tiny retry backoff, no client-side throttling. */
export function testHaloConfig(
  sim: Pick<RunningSimulator, 'url' | 'authUrl' | 'clientId' | 'clientSecret' | 'tenant'>,
  overrides: Partial<HaloConfig> = {},
): HaloConfig {
  return {
    instanceUrl: sim.url,
    authUrl: sim.authUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    ...(sim.tenant ? { tenant: sim.tenant } : {}),
    scope: 'all',
    requestTimeoutMs: 2_000,
    maxRetries: 3,
    retryBudgetMs: 5_000,
    rateLimit: { requests: 100_000, windowMs: 300_000 },
    maxConcurrency: 4,
    maxResponseBytes: 20 * 1024 * 1024,
    maxListRecords: 10_000,
    referenceTtlMs: 300_000,
    ...overrides,
  };
}

/** Retry waits of a few milliseconds, so failure paths run fast with the real clock. */
export const FAST_BACKOFF = { baseDelayMs: 2, maxDelayMs: 10 } as const;

/**
 * Starts a simulator (rate limit off unless given) and a client wired to it, in one line:
 * `const halo = await startTestHalo(); ... afterAll(() => halo.stop())`.
 */
export async function startTestHalo(options: TestHaloOptions = {}): Promise<TestHalo> {
  const { dataset, size, client: clientOverrides, clientOptions, ...simOptions } = options;
  const sim = await startSimulator({
    dataset: dataset ?? (await generated(size ?? 'tiny')),
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    rateLimit: false,
    ...simOptions,
  });
  const config = testHaloConfig(sim, clientOverrides);
  const client = createHaloClient(config, { backoff: FAST_BACKOFF, ...clientOptions });
  return {
    sim,
    config,
    client,
    stop: async () => {
      client.close();
      await sim.stop();
    },
  };
}
