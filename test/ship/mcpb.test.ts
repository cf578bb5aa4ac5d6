import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPB_CLI, packBundle, stageBundle } from '../../bundle/mcpb.js';
import { loadTools } from '../../src/mcp/server.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';
import { assertBundled } from './processes.js';

// The Claude Desktop bundle, built as `npm run bundle` builds it, validated and unpacked with the
// official mcpb tool, then started the way Claude Desktop starts it: the manifest's command and
// args with ${__dirname} filled in, and only the manifest's env with the user's answers.

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'halo-mcpb-'));
const stage = join(scratch, 'stage');
const file = join(scratch, 'halo-psa-mcp.mcpb');
const unpacked = join(scratch, 'installed');

interface Manifest {
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  tools: { name: string; description: string }[];
  user_config: Record<string, { type: string; required?: boolean; sensitive?: boolean }>;
  icon: string;
}
let manifest: Manifest;
let halo: TestHalo;

beforeAll(async () => {
  assertBundled();
  await stageBundle(stage);
  await packBundle(stage, file);
  await run(process.execPath, [MCPB_CLI, 'unpack', file, unpacked]);
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
  halo = await startTestHalo({ size: 'tiny' });
}, 60_000);
afterAll(async () => {
  await halo?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** What Claude Desktop substitutes into the manifest's mcp_config. */
function fill(text: string, answers: Record<string, string>): string {
  return text
    .replaceAll(`\${__dirname}`, unpacked)
    .replace(/\$\{user_config\.(\w+)\}/g, (_, key: string) => answers[key] ?? '');
}

describe('the Claude Desktop bundle (halo-psa-mcp.mcpb)', () => {
  it("passes the mcpb tool's own validation, which refuses a broken manifest", async () => {
    const { stdout } = await run(process.execPath, [MCPB_CLI, 'validate', join(unpacked, 'manifest.json')]);
    expect(stdout).toContain('Manifest schema validation passes!');
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...manifest, server: undefined }));
    await expect(run(process.execPath, [MCPB_CLI, 'validate', broken])).rejects.toThrow();
  });

  it('asks for the instance URL, client id, tenant and the secret, the secret marked sensitive', () => {
    expect(Object.keys(manifest.user_config)).toEqual([
      'instance_url',
      'client_id',
      'client_secret',
      'tenant',
    ]);
    expect(manifest.user_config.client_secret).toMatchObject({ sensitive: true, required: true });
    const sensitive = Object.entries(manifest.user_config).filter(([, v]) => v.sensitive);
    expect(sensitive.map(([k]) => k)).toEqual(['client_secret']);
    expect(manifest.user_config.tenant?.required).toBe(false);
    expect(manifest.server.mcp_config.env.HALO_CLIENT_SECRET).toBe(`\${user_config.client_secret}`);
  });

  it('lists the tools of the registry, with their descriptions, and carries its icon', () => {
    const tools = loadTools();
    expect(manifest.tools.map((t) => t.name)).toEqual(tools.map((t) => t.operation.name));
    expect(manifest.tools.every((t) => t.description.length > 20)).toBe(true);
    const icon = readFileSync(join(unpacked, manifest.icon));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBe(512);
  });

  it('carries the bundled bin and its operations, and nothing from node_modules, src or test', () => {
    const entries = readdirSync(unpacked, { recursive: true, encoding: 'utf8' }).map((e) =>
      e.replaceAll('\\', '/'),
    );
    expect(entries).toContain('dist/bin/halo-psa-mcp.js');
    expect(entries).toContain('dist/bin/THIRD-PARTY-NOTICES.txt');
    expect(entries).toContain('schema/operations/list_clients.graphql');
    expect(entries.filter((e) => /^(node_modules|src|test|bench)(\/|$)/.test(e))).toEqual([]);
    expect(readFileSync(join(unpacked, 'dist/bin/halo-psa-mcp.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node/,
    );
  });

  it('starts as Claude Desktop starts it and answers a tool call from Halo', async () => {
    const answers = {
      instance_url: halo.sim.url,
      client_id: halo.sim.clientId,
      client_secret: halo.sim.clientSecret,
    };
    const { command, args, env } = manifest.server.mcp_config;
    const filledEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v, answers)]));
    expect(filledEnv.HALO_TENANT).toBe('');
    halo.sim.log.reset();
    const transport = new StdioClientTransport({
      command: command === 'node' ? process.execPath : command,
      args: args.map((a) => fill(a, answers)),
      env: { PATH: process.env.PATH ?? '', ...filledEnv },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'mcpb-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(manifest.tools.map((t) => t.name));
      const result = await client.callTool({ name: 'list_clients', arguments: { page_size: 3 } });
      expect(result.isError).toBeFalsy();
      const page = (result.structuredContent as { clients: { items: unknown[] } }).clients;
      expect(page.items).toHaveLength(3);
    } finally {
      await client.close();
    }
    const requests = halo.sim.log.entries.map((e) => `${e.method} ${e.path}`);
    expect(requests).toEqual(['POST /auth/token', 'GET /api/Client']);
  });
});
