import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBundled, REPO, run } from './processes.js';

// .ci/pack-check.sh: npm pack, install the tarball in an empty project, run `npx halo-psa-mcp`.

describe('the packed tarball', () => {
  it('installs and runs as `npx halo-psa-mcp`, and serves the demo to a real MCP client', async () => {
    assertBundled();
    const { code, stdout, stderr } = await run('bash', [join(REPO, '.ci/pack-check.sh')], {
      timeoutMs: 120_000,
    });
    expect(stderr + stdout).toMatch(/pack-check: OK\n$/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/npm publish --dry-run: clean \(\d+ files\)/);
    expect(stdout).toMatch(/packed halo-psa-mcp-\S+\.tgz: \d+ files, \S+, no dependencies/);
    expect(stdout).toContain('node_modules/.bin/halo-psa-mcp is executable with a node shebang, no warnings');
    expect(stdout).toContain('npx halo-psa-mcp --help lists doctor, --demo, --http, --host, --port');
    expect(stdout).toContain('without credentials: exit 1, names the missing variables, points at --demo');
    expect(stdout).toMatch(
      /npx halo-psa-mcp --demo: mcp-smoke stdio: halo-psa-mcp \S+, 24 tools, 3 views, list_clients: \d+ clients/,
    );
  }, 120_000);
});

describe('the smoke client the shipping checks use', () => {
  it('fails when the server never answers', async () => {
    const { code, stderr } = await run(
      process.execPath,
      [join(REPO, '.ci/mcp-smoke.mjs'), 'stdio', REPO, process.execPath, '-e', 'setTimeout(() => {}, 100)'],
      { timeoutMs: 20_000 },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('mcp-smoke stdio FAILED');
  });
});
