import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { describe, expect, it } from 'vitest';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga } from '../../src/graphql/yoga.js';
import type { HaloReader } from '../../src/halo/resources.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { MODERN } from './harness.js';

// Every tool's public surface (name, title, description, input and output schema, annotations) and
// the server instructions, reviewed as API: a change shows up as a diff of this committed file.
// Regenerate with `UPDATE_SNAPSHOTS=1 npx vitest run test/mcp/snapshot.test.ts`.

const SNAPSHOT = fileURLToPath(new URL('./tools.snapshot.json', import.meta.url));
const BIOME = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));

/** Listing tools never reaches Halo; any upstream call here is a bug. */
const unreachable: HaloReader = {
  getOne: () => Promise.reject(new Error('unexpected Halo request')),
  list: () => Promise.reject(new Error('unexpected Halo request')),
  get: () => Promise.reject(new Error('unexpected Halo request')),
};

async function publishedSurface() {
  const yoga = createHaloYoga({ halo: unreachable, reference: createReferenceCache(unreachable, 0) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const served = serveStdio(() => createMcpServer({ yoga, version: 'snapshot' }), {
    transport: serverSide,
  });
  const client = new Client({ name: 'snapshot', version: '1.0.0' }, { versionNegotiation: MODERN });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  const instructions = client.getInstructions();
  await client.close();
  await served.close();
  // A JSON round trip drops keys whose value is undefined, as the wire does.
  return JSON.parse(
    JSON.stringify({ instructions, tools: [...tools].sort((a, b) => a.name.localeCompare(b.name)) }),
  );
}

describe('published tool surface', () => {
  it('matches test/mcp/tools.snapshot.json', async () => {
    const surface = await publishedSurface();
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(SNAPSHOT)) {
      writeFileSync(SNAPSHOT, `${JSON.stringify(surface, null, 2)}\n`);
      if (existsSync(BIOME)) execFileSync(BIOME, ['format', '--write', SNAPSHOT], { stdio: 'ignore' });
    }
    expect(surface).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('marks every tool read-only, idempotent, non-destructive and open-world, with a title', async () => {
    const { tools } = await publishedSurface();
    for (const tool of tools) {
      expect(tool.annotations).toEqual({
        title: tool.title,
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      });
      expect(tool.title).toMatch(/^[A-Z]/);
      expect(tool.inputSchema).toMatchObject({ type: 'object', properties: expect.any(Object) });
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
  });

  it('advertises no null-unions in input schemas, so strict clients can express every argument', async () => {
    const { tools } = await publishedSurface();
    const text = JSON.stringify(tools.map((t: { inputSchema: unknown }) => t.inputSchema));
    expect(text).not.toContain('"null"');
    expect(text).not.toContain('anyOf');
  });
});
