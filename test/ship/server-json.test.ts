import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { REPO } from './processes.js';

// server.json is what the MCP registry lists. Checked offline against the registry's rules
// (test/ship/registry/server-json.schema.json says where they come from) and against package.json,
// which the registry compares with the published npm package (`mcpName`).

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const read = (path: string) => JSON.parse(readFileSync(join(REPO, path), 'utf8'));
const serverJson = read('server.json');
const packageJson = read('package.json');
const rules = read('test/ship/registry/server-json.schema.json');
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(rules);
const configSource = readFileSync(join(REPO, 'src/config.ts'), 'utf8');

interface Package {
  registryType: string;
  identifier: string;
  version?: string;
  environmentVariables: { name: string; isSecret?: boolean; isRequired?: boolean }[];
}
const packages: Package[] = serverJson.packages;
const byType = (type: string) => packages.find((p) => p.registryType === type)!;

describe('server.json for the MCP registry', () => {
  it("meets the registry's schema", () => {
    expect(validate(serverJson), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(serverJson.$schema).toBe(
      'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    );
  });

  it.each([
    ['a name without a namespace', { name: 'halo-psa-mcp' }],
    ['a description over 100 characters', { description: 'x'.repeat(101) }],
    ['a version range', { version: '^0.1.0' }],
    ['a package at "latest"', { packages: [{ ...packages[0], version: 'latest' }] }],
    ['a package without a transport', { packages: [{ ...packages[0], transport: undefined }] }],
  ])('the check refuses %s', (_, change) => {
    expect(validate(JSON.parse(JSON.stringify({ ...serverJson, ...change })))).toBe(false);
  });

  it('names the npm package and version this package.json publishes, under its mcpName', () => {
    expect(serverJson.name).toBe(packageJson.mcpName);
    expect(serverJson.version).toBe(packageJson.version);
    expect(byType('npm')).toMatchObject({ identifier: packageJson.name, version: packageJson.version });
  });

  it('names the Docker image at the same version', () => {
    expect(byType('oci').identifier).toBe(`ghcr.io/halo-psa-mcp/${packageJson.name}:${packageJson.version}`);
  });

  it('asks for the variables the configuration reads, the secret marked secret', () => {
    for (const p of packages) {
      for (const variable of p.environmentVariables) expect(configSource).toContain(variable.name);
      const secret = p.environmentVariables.find((v) => v.name === 'HALO_CLIENT_SECRET');
      expect(secret).toMatchObject({ isSecret: true, isRequired: true });
      expect(p.environmentVariables.filter((v) => v.isSecret).map((v) => v.name)).toEqual([
        'HALO_CLIENT_SECRET',
      ]);
    }
  });
});
