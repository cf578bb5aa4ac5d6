import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBundled, BUNDLED_BIN, run, startCli } from './processes.js';

// The shipped bin's command line: flags beside the variables, help, and a port someone else holds.

const env = { PATH: process.env.PATH ?? '' };
const bin = (args: string[], extra: Record<string, string> = {}) =>
  run(process.execPath, [BUNDLED_BIN, ...args], { env: { ...env, ...extra }, timeoutMs: 15_000 });

beforeAll(() => assertBundled());

describe('halo-psa-mcp --help', () => {
  it('lists the transports, --host and --port, the demo and the doctor subcommand, on stdout', async () => {
    const { code, stdout, stderr } = await bin(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const word of [
      '--http',
      '--stdio',
      '--host HOST',
      '--port PORT',
      '--demo',
      'doctor',
      'HALO_MCP_PORT',
    ]) {
      expect(stdout).toContain(word);
    }
    expect(stdout).toMatch(/Subcommands:\n\s+doctor\s/);
  });

  it('refuses an unknown option or a --port without a value, with the usage, and starts nothing', async () => {
    const unknown = await bin(['--verbose']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--verbose'");
    expect(unknown.stderr).toContain('Usage: halo-psa-mcp');
    const bare = await bin(['--http', '--port']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("Option '--port <value>' argument missing");
    expect(bare.stdout).toBe('');
  });

  it('checks a --port value as it checks HALO_MCP_PORT', async () => {
    const { code, stderr } = await bin(['--http', '--demo', '--port', '70000']);
    expect(code).toBe(1);
    expect(stderr).toContain('HALO_MCP_PORT');
  });
});

describe('--host and --port', () => {
  it('win over HALO_MCP_HOST and HALO_MCP_PORT', async () => {
    const server = startCli(
      ['--http', '--demo', '--host', '127.0.0.1', '--port', '0'],
      { HALO_MCP_HOST: '0.0.0.0', HALO_MCP_PORT: '1' },
      BUNDLED_BIN,
    );
    try {
      const [, url] = await server.waitFor('stderr', /"msg":"serving HTTP","url":"([^"]+)"/);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toMatch(/:1$/);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    } finally {
      await server.stop();
    }
  });
});

describe('a port already in use', () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it.each([
    ['--port', (p: number) => [['--http', '--demo', '--port', String(p)], {}] as const],
    ['HALO_MCP_PORT', (p: number) => [['--http', '--demo'], { HALO_MCP_PORT: String(p) }] as const],
  ])('given by %s: exit 1, naming the port, HALO_MCP_PORT and --port', async (_, make) => {
    const [args, extra] = make(port);
    const { code, stdout, stderr } = await bin([...args], { ...extra });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    expect(stderr).toContain('Choose another with HALO_MCP_PORT or --port');
  });
});
