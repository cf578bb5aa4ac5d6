import fc from 'fast-check';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTools } from '../../src/mcp/server.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { TEST_CLIENT_SECRET } from '../helpers/halo.js';
import { connectMcp, findLeaks, type McpStack, nonGetApiRequests, startSim, within } from './harness.js';
import { hostileText, hostileValue, hugeText, INJECTION_LOOKALIKES, overTheWire } from './hostile.js';

// Raw GraphQL through yoga, the same pipeline /graphql serves: hostile documents, variables and
// bodies get a clear error or a valid result, in bounded time, without a word of any secret.

const REQUEST_BOUND_MS = 3_000;

let sim: RunningSimulator;
let stack: McpStack;
const bodies: string[] = [];

beforeAll(async () => {
  sim = await startSim();
  stack = await connectMcp(sim);
});
afterAll(async () => {
  await stack.close();
  await sim.stop();
});

interface Answer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests pick the shape they assert on.
  json: any;
}

async function post(body: BodyInit, contentType = 'application/json'): Promise<Answer> {
  const response = await within(
    REQUEST_BOUND_MS,
    stack.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/graphql-response+json, application/json' },
      body,
    }),
  );
  const text = await response.text();
  bodies.push(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

const query = (source: string, variables?: unknown) => post(JSON.stringify({ query: source, variables }));

/** A clear answer: no server error, and either data or errors that each say something specific. */
function expectClear(answer: Answer): void {
  expect(answer.status).toBeLessThan(500);
  if (answer.status === 415) return;
  expect(answer.json).toEqual(expect.any(Object));
  const errors: Array<{ message: string; extensions?: { code?: string } }> = answer.json.errors ?? [];
  if (errors.length === 0) expect(answer.json.data).toEqual(expect.any(Object));
  for (const error of errors) {
    expect(error.message).not.toBe('Unexpected error.');
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

/** Upstream requests made while `work` ran (the log is kept whole for the final read-only check). */
async function upstreamDuring<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = sim.log.apiRequests().length;
  const result = await work();
  return { result, requests: sim.log.apiRequests().length - before };
}

/** Refused before execution: an error and no upstream request. */
async function expectRefused(answer: () => Promise<Answer>, message: RegExp): Promise<void> {
  const { result, requests } = await upstreamDuring(answer);
  expectClear(result);
  expect(result.json.errors?.[0]?.message).toMatch(message);
  expect(requests).toBe(0);
}

const nest = (depth: number, open: string, inner: string, close: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

describe('hostile documents', () => {
  const assetId = () => sim.data.assets[0]!.id;

  // Which refusal a deep selection meets depends on how far the parser's recursion gets before
  // the stack runs out, and that depends on whether V8 has optimised the parser yet (smaller
  // frames), which varies with what ran before and with background compilation under load. Cold,
  // the stack can overflow from ~2 000 levels ("too deeply to read"); warm, the parser gets past
  // 5 000 and the depth rule ("N levels deep") or, past 10 000 tokens (3 per level), the token cap
  // stops it. Each depth accepts exactly the refusals it can meet.
  const NESTING_REFUSED = /^Query is nested (\d+ levels deep; the limit is 8|too deeply to read)\.$/;
  const TOKENS_REFUSED = /^Syntax Error: Document contains more that 10000 tokens\. Parsing aborted\.$/;
  const EITHER_REFUSED = new RegExp(`${NESTING_REFUSED.source}|${TOKENS_REFUSED.source}`);

  it.each([
    [9, NESTING_REFUSED],
    [1_000, NESTING_REFUSED],
    [1_500, NESTING_REFUSED],
    [2_000, NESTING_REFUSED],
    [3_000, NESTING_REFUSED],
    [4_900, EITHER_REFUSED],
    [50_000, EITHER_REFUSED],
  ])('refuses selections nested %i deep', async (depth, refusal) => {
    await expectRefused(
      () => query(`{ asset(id: ${assetId()}) { ${nest(depth, 'parent { ', 'id', ' }')} } }`),
      refusal,
    );
  });

  it.each([1_000, 2_000, 4_000, 50_000])('refuses list values nested %i deep', async (depth) => {
    await expectRefused(
      () => query(`{ clients(search: ${nest(depth, '[', '"x"', ']')}) { totalCount } }`),
      /nested too deeply to read|more that 10000 tokens|String cannot represent/,
    );
  });

  it.each([1_000, 20_000])('refuses an alias bomb of %i list queries', async (count) => {
    const aliases = Array.from({ length: count }, (_, i) => `a${i}: tickets { totalCount }`).join(' ');
    await expectRefused(
      () => query(`{ ${aliases} }`),
      /selects \d+ fields; the limit is|more that 10000 tokens/,
    );
  });

  it('refuses fragment cycles', async () => {
    await expectRefused(
      () => query('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      /Cannot spread fragment "A" within itself/,
    );
  });

  it('refuses a fan-out of fragments that doubles at every level', async () => {
    const chain = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    await expectRefused(
      () => query(`query { ...F0 } ${chain.join(' ')} fragment F40 on Query { clients { totalCount } }`),
      /the limit is/,
    );
  });

  it('refuses introspection nested past the introspection depth limit', async () => {
    const deep = `{ __schema { types { ${nest(6, 'fields { type { ', 'name', ' } }')} } } }`;
    await expectRefused(() => query(deep), /introspection depth/i);
  });

  it('answers the standard introspection query, and 50 aliased copies of __schema within the limits', async () => {
    const full = await query(getIntrospectionQuery());
    expectClear(full);
    expect(full.json.data.__schema.types.length).toBeGreaterThan(20);
    const aliases = Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    expectClear(await query(`{ ${aliases} }`));
  });

  it('stops reading a document at 10 000 tokens', async () => {
    await expectRefused(() => query(`{ ${'__typename '.repeat(1_000_000)} }`), /more that 10000 tokens/);
  });

  it('refuses huge strings in the document and in variables', async () => {
    await expectRefused(
      () => query(`{ clients(search: "${'x'.repeat(2_000_000)}") { totalCount } }`),
      /limited to 200 characters/,
    );
    await expectRefused(
      () => query('query($s: String) { clients(search: $s) { totalCount } }', { s: '🦄'.repeat(1_000_000) }),
      /limited to 200 characters/,
    );
  });

  it('refuses mutations and subscriptions: the schema has none', async () => {
    await expectRefused(() => query('mutation { deleteTicket(id: 1) }'), /mutation/);
    await expectRefused(() => query('subscription { tickets { id } }'), /subscription/);
  });

  it.each([
    ['not JSON', '{"query": "{ __typename }"', /invalid JSON/],
    ['a batch', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), /Batching/],
    ['null', 'null', /expected to be object/],
    ['a query that is not a string', JSON.stringify({ query: 42 }), /"query" param/],
    [
      'variables that are not an object',
      JSON.stringify({ query: '{ __typename }', variables: '{}' }),
      /variables/,
    ],
  ])('refuses a body that is %s', async (_what, body, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toMatch(message);
  });

  it('reads invalid UTF-8 as replacement characters and refuses the result', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"query": "{ clients(search: \\"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from('\\") { totalCount } }"}'),
    ]);
    const answer = await post(bytes);
    expectClear(answer);
  });
});

describe('hostile variables for the operations behind the tools', () => {
  const operations = loadTools().map((t) => t.operation);

  it.each([
    ['a string for an Int', { id: 'DROP TABLE' }],
    ['a float past 32 bits', { id: 1e300 }],
    ['a deep array for a String', { s: JSON.parse(nest(2_000, '[', '1', ']')) }],
    ['an object for an enum', { k: { $ne: null } }],
  ])('says which variable is wrong when given %s', async (_what, variables) => {
    const source =
      'query($id: Int, $s: String, $k: InvoiceKind) { clients(search: $s) { totalCount } invoices(filter: { kind: $k, clientId: $id }) { totalCount } }';
    const { result, requests } = await upstreamDuring(() => query(source, variables));
    expectClear(result);
    expect(result.json.errors[0].message).toMatch(/^Variable "\$(id|s|k)" got invalid value/);
    expect(requests).toBe(0);
  });

  it('answers every tool operation clearly whatever its variables hold', async () => {
    const variables = fc.dictionary(
      fc.oneof(fc.constantFrom(...operations.flatMap((op) => op.variables.map((v) => v.name))), fc.string()),
      hostileValue,
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations.map((op) => op.name)), variables, async (name, vars) => {
        const source = operations.find((op) => op.name === name)!.source;
        expectClear(await post(JSON.stringify({ query: source, variables: overTheWire(vars) })));
      }),
      { numRuns: 150, seed: 31337 },
    );
  });
});

describe('generated documents and bodies', () => {
  const token = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        ':',
        '...',
        '$v',
        '[',
        ']',
        ',',
        '!',
        '=',
        '@skip(if: true)',
      ),
    },
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        'tickets',
        'clients',
        'items',
        'id',
        'name',
        'client',
        'page',
        'pageSize',
        'search',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'query',
        'fragment F on Query',
        '...F',
        'on',
        '__schema',
        '__type',
        '__typename',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom('"x"', '1', '-1', '2147483648', '1e999', 'true', 'null', '"""', '#'),
    },
    { weight: 1, arbitrary: hostileText(20) },
  );

  it('answers any sequence of GraphQL-ish tokens clearly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 60 }), fc.option(hostileValue), async (tokens, v) => {
        expectClear(await query(tokens.join(' '), v === null ? undefined : overTheWire({ v })));
      }),
      { numRuns: 300, seed: 2718 },
    );
  });

  it('answers any body under any content type without a server error', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constantFrom(...INJECTION_LOOKALIKES),
      hugeText,
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/graphql',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/json; charset=utf-16',
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, async (b, type) => {
        const answer = await post(b, type);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 1618 },
    );
  });
});

describe('after all of the above', () => {
  it('has a leak scan that finds the secret, an issued token and a bearer credential', () => {
    const token = [...stack.observed.tokens][0]!;
    expect(findLeaks([`x ${TEST_CLIENT_SECRET} x`], [])).toHaveLength(1);
    expect(findLeaks([{ nested: { value: token } }], [token])).toHaveLength(1);
    expect(findLeaks(['Authorization: Bearer abcdefgh12345'], [])).toHaveLength(1);
    expect(findLeaks(['Bearer realm="halo-psa-mcp"'], [])).toEqual([]);
  });

  it('sent nothing but GETs to Halo and leaked no secret in any answer or log line', () => {
    expect(bodies.length).toBeGreaterThan(500);
    expect(nonGetApiRequests(sim)).toEqual([]);
    expect(stack.observed.tokens.size).toBeGreaterThan(0);
    expect(findLeaks([...bodies, ...stack.observed.logs], stack.observed.tokens)).toEqual([]);
  });
});
