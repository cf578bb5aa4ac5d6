import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, run } from './processes.js';

// No Docker engine runs here: .ci/docker-steps.sh runs the Dockerfile's steps as plain commands
// and starts the server from the runtime stage's layout.

const SCRIPT = join(REPO, '.ci/docker-steps.sh');
const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'halo-dockerfiles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function variant(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('the Dockerfile, run without Docker', () => {
  it('builds, then serves the demo from the runtime layout over HTTP and stdio, and lints clean', async () => {
    const { code, stdout, stderr } = await run('bash', [SCRIPT], { timeoutMs: 240_000 });
    expect(stderr + stdout).toMatch(/docker-steps: OK\n$/);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'runtime: 2 stages, USER node, EXPOSE 8787, ENTRYPOINT node dist/bin/halo-psa-mcp.js, HEALTHCHECK node dist/bin/healthcheck.js',
    );
    expect(stdout).toContain(
      'HEALTHCHECK: passes while HTTP serves, fails once it stopped, passes in stdio mode',
    );
    expect(stdout).toMatch(
      /HTTP: GET \/health -> \{"status":"ok","version":"[^"]+","state":\{"backend":"memory","status":"ok"/,
    );
    expect(stdout).toMatch(
      /HTTP: mcp-smoke http: halo-psa-mcp \S+, 24 tools, 3 views, list_clients: \d+ clients/,
    );
    expect(stdout).toMatch(
      /stdio: mcp-smoke stdio: halo-psa-mcp \S+, 24 tools, 3 views, list_clients: \d+ clients/,
    );
    expect(stdout).toContain('lint: dockerfile-utils found no problems');
  }, 240_000);

  it.each([
    [
      'runs as root',
      dockerfile.replace(/^USER node$/m, 'USER root'),
      "the runtime stage runs as root (USER 'root')",
    ],
    [
      'has one stage',
      'FROM node:24-trixie-slim\nUSER node\nEXPOSE 8787\nENTRYPOINT ["node"]\n',
      'expected a multi-stage build, found 1 stage(s)',
    ],
    [
      'serves HTTP by default',
      dockerfile.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT ["node", "dist/bin/halo-psa-mcp.js", "--http"]'),
      'the default transport must be stdio',
    ],
    [
      'uses a shell-form ENTRYPOINT',
      dockerfile.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT node dist/bin/halo-psa-mcp.js'),
      'the runtime stage needs an exec-form ENTRYPOINT',
    ],
    [
      'has no HEALTHCHECK',
      dockerfile.replace(/^HEALTHCHECK .*$/m, ''),
      'the runtime stage needs an exec-form HEALTHCHECK',
    ],
  ])('fails a Dockerfile that %s, before building anything', async (name, text, message) => {
    const { code, stdout, stderr } = await run('bash', [SCRIPT, variant(`${name}.Dockerfile`, text)], {
      timeoutMs: 20_000,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`docker-steps: FAIL: ${message}`);
    expect(stdout).not.toContain('RUN npm ci');
  });
});
