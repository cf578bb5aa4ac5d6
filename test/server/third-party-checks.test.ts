import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';
import { type HttpApp, startHttpApp } from '../helpers/http-app.js';

// Checks written by others, from npm, against our HTTP server: the MCP conformance suite
// (@modelcontextprotocol/conformance, Node 24) and the MCP Inspector's CLI in strict mode.

const CONFORMANCE = fileURLToPath(
  new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url),
);
const INSPECTOR = fileURLToPath(
  new URL(
    '../../node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
    import.meta.url,
  ),
);
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * Scenarios of the active suite that cannot pass here, and why. Every other scenario must pass; a
 * scenario that starts passing or failing otherwise fails this test, so the list stays true.
 */
const NOT_FOR_US: Record<string, string> = {
  'logging-set-level': 'no logging capability: logging is deprecated in 2026-07-28; logs go to stderr',
  'completion-complete': "asks about the suite's own prompt test_prompt_with_arguments",
  'resources-subscribe': 'no resources to subscribe to (resources.subscribe not advertised)',
  'resources-unsubscribe': 'no resources to subscribe to (resources.subscribe not advertised)',
  'resources-read-text': "reads the suite's own test resource",
  'resources-read-binary': "reads the suite's own test resource",
  'resources-templates-read': "reads the suite's own resource template",
  'prompts-get-simple': "gets the suite's own test_simple_prompt",
  'prompts-get-with-args': "gets the suite's own test prompt",
  'prompts-get-embedded-resource': "gets the suite's own test prompt",
  'prompts-get-with-image': "gets the suite's own test prompt",
  'elicitation-sep1034-defaults':
    "calls the suite's own elicitation test tool (a read-only server never elicits)",
  'elicitation-sep1330-enums': "calls the suite's own elicitation test tool",
};
for (const tool of [
  'simple-text',
  'image',
  'audio',
  'embedded-resource',
  'mixed-content',
  'with-logging',
  'error',
  'with-progress',
  'sampling',
  'elicitation',
]) {
  NOT_FOR_US[`tools-call-${tool}`] = "calls the suite's own test tool (test_*), which a Halo server has not";
}

let halo: TestHalo;
let served: HttpApp;
let home: string;

beforeAll(async () => {
  halo = await startTestHalo({ dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }) });
  served = await startHttpApp(halo);
  home = mkdtempSync(join(tmpdir(), 'halo-mcp-checks-'));
});

afterAll(async () => {
  await served?.close();
  await halo?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      {
        timeout: 120_000,
        maxBuffer: 32 * 1024 * 1024,
        // The Inspector keeps a catalogue of servers; keep it out of the user's home.
        env: { ...process.env, HOME: home, MCP_CATALOG_PATH: join(home, 'mcp.json'), NO_COLOR: '1' },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('MCP conformance suite (active scenarios)', () => {
  it.skipIf(NODE_MAJOR < 24)(
    'passes every scenario that applies to a read-only Halo server',
    async () => {
      const { stdout, stderr } = await run(CONFORMANCE, ['server', '--url', `${served.http.url}/mcp`]);
      const output = `${stdout}\n${stderr}`;
      // Summary lines: `✓ name: 1 passed, 0 failed` (a ✗ when any check failed).
      const results = [...output.matchAll(/^([✓✗]) ([\w-]+): (\d+) passed, (\d+) failed/gm)].map((m) => ({
        name: m[2]!,
        passed: Number(m[3]),
        failed: Number(m[4]),
      }));
      expect(results.length, output.slice(-2000)).toBeGreaterThan(20);
      const failing = results.filter((r) => r.failed > 0).map((r) => r.name);
      expect(failing.sort()).toEqual(Object.keys(NOT_FOR_US).sort());
      const passing = results.filter((r) => r.failed === 0 && r.passed > 0).map((r) => r.name);
      expect(passing).toEqual(
        expect.arrayContaining(['server-initialize', 'ping', 'tools-list', 'resources-list', 'prompts-list']),
      );
      expect(passing).toContain('dns-rebinding-protection');
    },
    150_000,
  );
});

describe('MCP Inspector CLI', () => {
  it('accepts every tool schema in strict mode', async () => {
    const { code, stdout, stderr } = await run(INSPECTOR, [
      '--cli',
      `${served.http.url}/mcp`,
      '--method',
      'tools/list',
      '--strict',
    ]);
    expect(code, stderr.slice(-2000)).toBe(0);
    const listed = JSON.parse(stdout) as { tools: Array<{ name: string }> };
    expect(listed.tools.length).toBeGreaterThan(15);
  }, 150_000);

  it('calls a tool and lists the prompts', async () => {
    const call = await run(INSPECTOR, [
      '--cli',
      `${served.http.url}/mcp`,
      '--method',
      'tools/call',
      '--tool-name',
      'get_client',
      '--tool-arg',
      `client_id=${halo.sim.data.clients.find((c) => c.id > 1)!.id}`,
    ]);
    expect(call.code, call.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(call.stdout).isError).toBeFalsy();
    const prompts = await run(INSPECTOR, ['--cli', `${served.http.url}/mcp`, '--method', 'prompts/list']);
    expect(prompts.code, prompts.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(prompts.stdout).prompts).toHaveLength(9);
  }, 150_000);
});
