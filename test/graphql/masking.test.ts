import { describe, expect, it } from 'vitest';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga } from '../../src/graphql/yoga.js';
import type { HaloReader } from '../../src/halo/resources.js';

// A reader that fails the way a bug would (a plain Error, not a Halo failure): what is under test
// is how the facade hides it from the caller and reports it to the operator.
const brokenReader: HaloReader = {
  getOne: () => Promise.reject(new Error('internal detail: cursor at 0x7f')),
  list: () => Promise.reject(new Error('internal detail: cursor at 0x7f')),
  get: () => Promise.reject(new Error('internal detail: cursor at 0x7f')),
};

describe('error masking', () => {
  it('hides an unexpected error from the caller and reports it to the log', async () => {
    const logged: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    const yoga = createHaloYoga({
      halo: brokenReader,
      reference: createReferenceCache(brokenReader, 60_000),
      logger: { error: (msg, fields) => logged.push({ msg, fields }) },
    });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ statuses { id } }' }),
    });
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toContain('0x7f');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields?.message).toBe('internal detail: cursor at 0x7f');
  });
});
