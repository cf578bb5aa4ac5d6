import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ERROR_CODES } from '../../src/graphql/errors.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import { REPO } from './processes.js';

// The README's claims that code can back: its commands exist, every setting is documented with
// its default, and its GraphQL examples run on the demo without errors.

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const configSource = readFileSync(join(REPO, 'src/config.ts'), 'utf8');

function fenced(language: string): string[] {
  return [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

describe('README', () => {
  it('opens with the demo and test commands, and both npm scripts exist', () => {
    const [demo, test] = fenced('sh');
    expect(demo).toBe('npm ci && npm run demo\n');
    expect(test).toBe('npm ci && npm test\n');
    expect(packageJson.scripts.demo).toContain('--demo --http');
    expect(packageJson.scripts.test).toContain('vitest run');
  });

  it('documents every environment variable the configuration reads, with its default', () => {
    const variables = new Set(configSource.match(/\bHALO_[A-Z_]+\b/g));
    variables.delete('HALO_CREDENTIAL_VARIABLES');
    expect(variables.size).toBeGreaterThan(15);
    for (const name of variables) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\| `, 'm'));
    // The defaults as the configuration computes them, against the README's Default column.
    const { halo, server, transport, logLevel } = loadConfig({
      HALO_INSTANCE_URL: 'https://acme.halopsa.com',
      HALO_CLIENT_ID: 'id',
      HALO_CLIENT_SECRET: 'secret',
    });
    const defaults: Record<string, unknown> = {
      HALO_SCOPE: halo.scope,
      HALO_TIMEOUT_MS: halo.requestTimeoutMs,
      HALO_MAX_RETRIES: halo.maxRetries,
      HALO_RETRY_BUDGET_MS: halo.retryBudgetMs,
      HALO_RATE_LIMIT: halo.rateLimit.requests,
      HALO_RATE_WINDOW_MS: halo.rateLimit.windowMs,
      HALO_MAX_CONCURRENCY: halo.maxConcurrency,
      HALO_MAX_LIST_RECORDS: halo.maxListRecords,
      HALO_REFERENCE_TTL_MS: halo.referenceTtlMs,
      HALO_MCP_TRANSPORT: transport,
      HALO_MCP_HOST: server.host,
      HALO_MCP_PORT: server.port,
      HALO_LOG_LEVEL: logLevel,
    };
    for (const [name, fallback] of Object.entries(defaults)) {
      expect(readme).toContain(`| \`${name}\` | \`${fallback}\` |`);
    }
  });

  it('lists exactly the error codes the GraphQL facade sends', () => {
    const sentence = /errors carry codes\s*\(([^)]*)\)/.exec(readme)?.[1] ?? '';
    const listed = [...sentence.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('names read:reporting, never read:reports', () => {
    expect(readme).toContain('`read:reporting`');
    expect(readme.match(/read:reports\b/g)).toEqual(['read:reports']);
    expect(readme).toContain('there is no `read:reports`');
  });

  describe('GraphQL examples, run on the demo', () => {
    let app: App;
    beforeAll(async () => {
      app = await createApp(loadConfig({ HALO_DEMO: '1' }), { logger: createLogger({ level: 'error' }) });
    });
    afterAll(() => app?.close());

    const curl = /-d '(\{"query":.*\})'/.exec(readme)?.[1];
    const examples = [...fenced('graphql'), JSON.parse(curl ?? '{}').query as string];

    it.each(examples.map((query, i) => [i + 1, query]))(
      'example %i answers with data and no errors',
      async (_, query) => {
        const response = await app.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = await response.json();
        expect(body.errors).toBeUndefined();
        expect(JSON.stringify(body.data)).toContain('Kestrel Surveyors Ltd');
      },
    );

    it('has three examples', () => {
      expect(examples).toHaveLength(3);
    });
  });
});
