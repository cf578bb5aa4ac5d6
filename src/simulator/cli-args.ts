import { parseArgs } from 'node:util';
import type { RateLimitSpec } from './types.js';
import { isSimulatorVariantName, SIMULATOR_VARIANTS, type SimulatorVariantName } from './variants/index.js';

export type DatasetSize = 'tiny' | 'demo' | 'large';

export interface SimulatorCliArgs {
  help: boolean;
  size: DatasetSize;
  seed: number | undefined;
  port: number;
  latencyMs: number;
  tenant: string | undefined;
  clientId: string;
  clientSecret: string;
  rateLimit: RateLimitSpec;
  variant: SimulatorVariantName | undefined;
}

export const CLI_USAGE = `Usage: npm run simulator -- [options]

  --size tiny|demo|large   dataset size (default demo)
  --seed N                 dataset seed (default: the generator's)
  --port N                 port on 127.0.0.1 (default 8788; 0 = any free port)
  --latency MS             delay every answer by MS milliseconds (default 0)
  --tenant NAME            require ?tenant=NAME on token requests
  --client-id ID           default sim-client
  --client-secret SECRET   default sim-secret
  --rate-limit N|off       requests per rolling 5 minutes (default 300)
  --variant NAME           answer like a different Halo (${Object.keys(SIMULATOR_VARIANTS).join(', ')}),
                           for trying halo-psa-mcp doctor; default: real Halo shapes
  --help`;

function nonNegativeInt(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${flag} needs a whole number, got "${raw}"`);
  return Number(raw);
}

export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean', default: false },
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      port: { type: 'string' },
      latency: { type: 'string' },
      tenant: { type: 'string' },
      'client-id': { type: 'string', default: 'sim-client' },
      'client-secret': { type: 'string', default: 'sim-secret' },
      'rate-limit': { type: 'string' },
      variant: { type: 'string' },
    },
  });
  const size = values.size;
  if (size !== 'tiny' && size !== 'demo' && size !== 'large') {
    throw new Error(`--size must be tiny, demo or large, got "${size}"`);
  }
  const limit = values['rate-limit'];
  const variant = values.variant;
  if (variant !== undefined && !isSimulatorVariantName(variant)) {
    throw new Error(
      `--variant must be one of ${Object.keys(SIMULATOR_VARIANTS).join(', ')}, got "${variant}"`,
    );
  }
  return {
    help: values.help,
    size,
    seed: values.seed === undefined ? undefined : nonNegativeInt(values.seed, 'seed', 0),
    port: nonNegativeInt(values.port, 'port', 8788),
    latencyMs: nonNegativeInt(values.latency, 'latency', 0),
    tenant: values.tenant,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    rateLimit:
      limit === 'off' ? false : { requests: nonNegativeInt(limit, 'rate-limit', 300), windowMs: 300_000 },
    variant,
  };
}
