import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from '../../src/simulator/cli-args.js';

describe('simulator CLI arguments', () => {
  it('defaults to the demo dataset on port 8788 with Halo rate limits', () => {
    expect(parseSimulatorArgs([])).toEqual({
      help: false,
      size: 'demo',
      seed: undefined,
      port: 8788,
      latencyMs: 0,
      tenant: undefined,
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
      rateLimit: { requests: 300, windowMs: 300_000 },
      variant: undefined,
    });
  });

  it('takes a known --variant and refuses an unknown one', () => {
    expect(parseSimulatorArgs(['--variant', 'different-halo']).variant).toBe('different-halo');
    expect(() => parseSimulatorArgs(['--variant', 'odd-halo'])).toThrow(
      '--variant must be one of different-halo, got "odd-halo"',
    );
  });

  it('reads every flag', () => {
    const args = parseSimulatorArgs([
      '--size',
      'large',
      '--seed',
      '7',
      '--port',
      '0',
      '--latency',
      '25',
      '--tenant',
      'acme',
      '--client-id',
      'id',
      '--client-secret',
      'secret',
      '--rate-limit',
      'off',
    ]);
    expect(args).toMatchObject({
      size: 'large',
      seed: 7,
      port: 0,
      latencyMs: 25,
      tenant: 'acme',
      clientId: 'id',
      clientSecret: 'secret',
      rateLimit: false,
    });
    expect(parseSimulatorArgs(['--rate-limit', '700']).rateLimit).toEqual({
      requests: 700,
      windowMs: 300_000,
    });
  });

  it('rejects unknown sizes, non-numeric numbers and unknown flags', () => {
    expect(() => parseSimulatorArgs(['--size', 'huge'])).toThrow(/tiny, demo or large/);
    expect(() => parseSimulatorArgs(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseSimulatorArgs(['--latency', '-5'])).toThrow();
    expect(() => parseSimulatorArgs(['--verbose'])).toThrow();
  });
});
