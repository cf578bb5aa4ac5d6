import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the CLI as `npm run simulator` does (tsx) and resolves with its printed settings. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; settings: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('Press Ctrl-C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
  const settings = Object.fromEntries(
    [...output.matchAll(/^\s+(HALO_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
  );
  return { child, settings };
}

describe('simulator CLI', () => {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves a generated tenant until SIGINT and prints the settings to use', async () => {
    const { child, settings } = await startCli(['--size', 'tiny', '--port', '0', '--tenant', 'demo']);
    started.push(child);
    expect(settings).toMatchObject({
      HALO_CLIENT_ID: 'sim-client',
      HALO_CLIENT_SECRET: 'sim-secret',
      HALO_TENANT: 'demo',
    });
    const url = settings.HALO_INSTANCE_URL ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await fetch(`${url}/api/authinfo`);
    expect(await info.json()).toEqual({ auth_url: `${url}/auth`, tenant_id: 'demo' });
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('refuses unknown flags with usage and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--size', 'huge'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--size must be tiny, demo or large');
    expect(stderr).toContain('Usage: npm run simulator');
  });
});
