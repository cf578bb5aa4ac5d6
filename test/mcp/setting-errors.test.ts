import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpHarness, startMcpHarness } from './harness.js';

describe('a wrong Halo URL in a tool answer', () => {
  let h: McpHarness;
  beforeAll(async () => {
    // Tokens come from the simulator; the API host does not resolve.
    h = await startMcpHarness({ client: { instanceUrl: 'https://halo.example.invalid' } });
  });
  afterAll(() => h.stop());

  it('names the setting to fix and does not say "try again"', async () => {
    const { result, text } = await h.call('list_clients');
    expect(result.isError).toBe(true);
    expect(text).toContain('The host name halo.example.invalid does not resolve (DNS)');
    expect(text).toContain('Check the spelling of HALO_INSTANCE_URL.');
    expect(text).toContain('halo-psa-mcp doctor');
    expect(text).not.toMatch(/try again/i);
  });
});
