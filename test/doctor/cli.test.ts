import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { assertBuilt, BUILT_CLI, run } from '../ship/processes.js';
import { customerData, DOCTOR_SECRET, startDoctorHalo } from './harness.js';

const doctor = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [BUILT_CLI, 'doctor', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeoutMs: 20_000,
  });

describe('halo-psa-mcp doctor (the built CLI)', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    assertBuilt();
    sim = await startDoctorHalo({ variant: 'different-halo' });
    env = { HALO_INSTANCE_URL: sim.url, HALO_CLIENT_ID: sim.clientId, HALO_CLIENT_SECRET: DOCTOR_SECRET };
  });
  afterAll(() => sim.stop());

  it('prints the JSON report on stdout and exits 1 on a different Halo, with no customer data or secret', async () => {
    const { code, stdout } = await doctor(['--json'], env);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { exitCode: number; checks: Array<{ id: string; status: string }> };
    expect(report.exitCode).toBe(1);
    expect(report.checks.find((c) => c.id === 'envelope.ClientContract')?.status).toBe('DIFFERS');
    for (const text of [...customerData(sim.data), DOCTOR_SECRET]) expect(stdout).not.toContain(text);
    expect(sim.log.entries.every((e) => e.method === 'GET' || e.path === '/auth/token')).toBe(true);
  });

  it('prints the readable report without --json', async () => {
    const { code, stdout } = await doctor([], env);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^halo-psa-mcp doctor\n\nConfiguration and connection\n {2}OK {17}Halo answers at HALO_INSTANCE_URL/,
    );
    expect(stdout).toMatch(/\n25 GET and 1 token request\(s\) attempted, no writes, \d+\.\d s\.\n/);
  });

  it('names the missing settings and exits 1', async () => {
    const { code, stdout, stderr } = await doctor([], { HALO_INSTANCE_URL: sim.url });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('HALO_CLIENT_ID is required');
    expect(stderr).toContain('HALO_CLIENT_SECRET is required');
  });

  it('refuses an unknown option with exit code 2', async () => {
    const { code, stderr } = await doctor(['--fix'], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Unknown option --fix\./);
  });
});
