import { describe, expect, it } from 'vitest';
import { createReferenceCache, SHARED_KINDS } from '../../src/graphql/reference-cache.js';
import type { HaloReader, ListResult } from '../../src/halo/resources.js';

// The cross-request reference cache never answers one identity with another's read; only the
// lists Halo answers alike for every agent are shared.

/** A reader standing for one agent's token: it answers lists with rows naming that agent. */
function agentReader(agent: string, reads: string[]): HaloReader {
  return {
    getOne: async () => {
      throw new Error('not used');
    },
    get: async () => {
      throw new Error('not used');
    },
    list: async (resource) => {
      reads.push(`${agent}:${resource}`);
      return { records: [{ id: 1, name: `${resource} as ${agent}` }] } as unknown as ListResult<never>;
    },
  };
}

describe('reference cache per identity', () => {
  it('keeps agent-dependent lists apart and shares only statuses, ticket types and priorities', async () => {
    const reads: string[] = [];
    const cache = createReferenceCache(agentReader('service', reads), 60_000);
    const alice = cache.forCall({ identity: 'halo-agent:2' }, agentReader('alice', reads));
    const bob = cache.forCall({ identity: 'halo-agent:4' }, agentReader('bob', reads));

    expect(await alice.get('clients')).toEqual([{ id: 1, name: 'clients as alice' }]);
    expect(bob.isWarm('clients')).toBe(false);
    expect(await bob.get('clients')).toEqual([{ id: 1, name: 'clients as bob' }]);
    expect(await alice.get('clients')).toEqual([{ id: 1, name: 'clients as alice' }]);
    await alice.get('agents');
    await bob.get('teams');
    expect(bob.isWarm('agents')).toBe(false);

    await alice.get('statuses');
    expect(bob.isWarm('statuses')).toBe(true);
    await bob.get('statuses');
    expect(reads).toEqual(['alice:clients', 'bob:clients', 'alice:agents', 'bob:teams', 'alice:statuses']);
    expect([...SHARED_KINDS].sort()).toEqual(['priorities', 'statuses', 'ticketTypes']);
  });
});
