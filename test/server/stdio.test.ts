import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/types.js';

// The built server (`npm test` builds before vitest), spawned as a desktop client would, with its
// settings passed explicitly: the stdio client gives a child process only a minimal environment.

const CLI = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));
const SECRET = 'stdio-test-secret-7c41e9b2';

let sim: RunningSimulator;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/server/cli.js is missing: run `npm run build` first');
  sim = await startSimulator({
    dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }),
    clientId: 'stdio-client',
    clientSecret: SECRET,
    rateLimit: false,
  });
});
afterAll(() => sim?.stop());

function haloEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HALO_INSTANCE_URL: sim.url,
    HALO_CLIENT_ID: 'stdio-client',
    HALO_CLIENT_SECRET: SECRET,
    HALO_LOG_LEVEL: 'debug',
    ...extra,
  };
}

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('halo-psa-mcp over stdio', () => {
  it('speaks only protocol on stdout, logs to stderr, and never logs the secret', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI],
      env: haloEnv(),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    // Any non-protocol byte on stdout would fail the client's JSON-RPC parsing here.
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_clients', 'get_ticket']));
      const clients = await client.callTool({ name: 'list_clients', arguments: {} });
      const active = sim.data.clients.filter((c) => !c.inactive);
      expect(clients.structuredContent).toMatchObject({ clients: { totalCount: active.length } });
      const ticket = sim.data.tickets[0]!;
      const detail = await client.callTool({ name: 'get_ticket', arguments: { ticket_id: ticket.id } });
      expect(detail.structuredContent).toMatchObject({ ticket: { id: ticket.id, summary: ticket.summary } });
    } finally {
      await client.close();
    }
    expect(stderr).toContain('"msg":"serving MCP on stdio"');
    expect(stderr).not.toContain(SECRET);
    expect(stderr).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S/);
  });

  it('prints one line per configuration problem and exits 1, without the secret', async () => {
    const { code, stdout, stderr } = await run([], {
      PATH: process.env.PATH ?? '',
      HALO_INSTANCE_URL: 'not a url',
      HALO_CLIENT_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Invalid configuration:\n  - HALO_INSTANCE_URL must be an http(s) URL, got "not a url"\n  - HALO_CLIENT_ID is required\n' +
        'Halo credentials are missing: HALO_CLIENT_ID. Set them (see the README, "Halo API application"),\n' +
        'or try the bundled demo, no Halo instance needed: halo-psa-mcp --demo (from a clone: npm run demo).\n',
    );
  });

  it('serves HTTP with --http and answers /health', async () => {
    const child = spawn(process.execPath, [CLI, '--http'], {
      env: haloEnv({ HALO_MCP_PORT: '0', HALO_LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stderr.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          const match = /"msg":"serving HTTP","url":"([^"]+)"/.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${seen}`)));
      });
      const response = await fetch(`${url}/health`);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
