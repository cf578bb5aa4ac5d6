import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTools } from '../../src/mcp/server.js';
import { UNEXPECTED } from '../../src/mcp/tool-errors.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, expectCleanRun, type McpStack, startSim, type ToolCall, within } from './harness.js';
import { hostileKey, hostileText, hostileValue, hugeText, overTheWire } from './hostile.js';

// Property-based: every tool, fed arguments shaped by its own input schema and arguments that break
// it in every way, answers with a valid result or a clear isError, never a protocol error or a hang.

const RUNS = { valid: 20, hostile: 25 } as const;
const CALL_BOUND_MS = 5_000;
const TOOL_NAMES = loadTools().map((tool) => tool.operation.name);

let sim: RunningSimulator;
let stack: McpStack;
let tools: Tool[];

beforeAll(async () => {
  sim = await startSim();
  stack = await connectMcp(sim);
  tools = (await stack.mcp.listTools()).tools;
});
afterAll(async () => {
  await stack.close();
  await sim.stop();
});

interface JsonSchema {
  type?: string;
  minimum?: number;
  minLength?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Ids of records in the data are likelier than random ones, so valid-shaped calls reach records. */
function integerIn(schema: JsonSchema, ids: number[]): fc.Arbitrary<number> {
  const min = schema.minimum ?? -(2 ** 31);
  const max = schema.maximum ?? 2 ** 31 - 1;
  const known = [1, 25, 100, ...ids].filter((n) => n >= min && n <= max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.min(max, 200) }) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/** Days around the data's "today", with the odd one far out. */
const day = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc.date({ min: new Date('2025-06-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
    },
    {
      weight: 1,
      arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    },
  )
  .map((d) => d.toISOString().slice(0, 10));

/** Names and ids found in the data, so that valid-shaped calls find records as often as not. */
interface Known {
  names: string[];
  ids: (argument: string) => number[];
}

function knownFrom(data: Dataset): Known {
  const projects = data.tickets.filter((t) => t.is_project);
  const byArgument: Record<string, Array<{ id: number }>> = {
    ticket_id: data.tickets.filter((t) => !t.is_project),
    client_id: data.clients,
    agent_id: data.agents,
    site_id: data.sites,
    contract_id: data.contracts,
    invoice_id: data.invoices,
    recurring_invoice_id: data.recurringInvoices,
    asset_id: data.assets,
    project_id: projects,
    report_id: data.reports,
  };
  return {
    names: data.clients.map((c) => c.name.split(' ')[0]!),
    ids: (argument) => (byArgument[argument] ?? []).slice(0, 20).map((r) => r.id),
  };
}

/** A value the schema accepts; text mixes names found in the data with hostile characters. */
function validValue(schema: JsonSchema, known: Known, argument: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return integerIn(schema, known.ids(argument.replace(/s$/, '')));
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known, argument), {
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'string': {
      if (schema.pattern?.includes('\\d{4}')) return day;
      const text = hostileText(schema.maxLength ?? 200).filter((t) => t.length >= (schema.minLength ?? 0));
      return fc.oneof(text, fc.constantFrom(...known.names));
    }
    default:
      throw new Error(`no generator for schema type ${schema.type}`);
  }
}

/** Optional arguments are left out two times in three, so the tools' own rules rarely collide. */
function validArgs(schema: JsonSchema, known: Known): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const shape = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, s]) => {
      const value = validValue(s, known, name);
      return [
        name,
        required.has(name)
          ? value
          : fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value }),
      ];
    }),
  );
  return fc.record(shape);
}

/** A valid call with one argument replaced, unknown keys added, or something else altogether. */
function hostileArgs(schema: JsonSchema, known: Known): fc.Arbitrary<Record<string, unknown>> {
  const argumentNames = Object.keys(schema.properties ?? {});
  const someName = argumentNames.length > 0 ? fc.constantFrom(...argumentNames) : hostileKey;
  return fc.oneof(
    fc
      .tuple(validArgs(schema, known), someName, hostileValue)
      .map(([args, name, value]) => ({ ...args, [name]: value })),
    fc
      .tuple(validArgs(schema, known), someName, hugeText)
      .map(([args, name, value]) => ({ ...args, [name]: value })),
    fc
      .tuple(validArgs(schema, known), fc.dictionary(hostileKey, hostileValue, { maxKeys: 3, minKeys: 1 }))
      .map(([args, extra]) => ({ ...args, ...extra })),
    fc.dictionary(fc.oneof(someName, hostileKey), hostileValue, { maxKeys: 6 }),
  );
}

/** A clear answer: a result with structured content, or an isError whose text says what went wrong. */
function expectClearAnswer(call: ToolCall): void {
  expect(call.text.trim()).not.toBe('');
  expect(call.text).not.toContain(UNEXPECTED);
  expect(call.text).not.toMatch(/Output validation error|\[object Object\]/);
  if (!call.result.isError) expect(call.data).toEqual(expect.any(Object));
}

async function callWith(tool: string, args: Record<string, unknown>): Promise<ToolCall> {
  return within(CALL_BOUND_MS, stack.call(tool, overTheWire(args)));
}

describe('every tool under generated arguments', () => {
  it('fuzzes every tool the server lists', () => {
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
  });

  const schemaOf = (name: string) => tools.find((t) => t.name === name)!.inputSchema as JsonSchema;

  /** Calls `name` with `numRuns` generated argument sets; a fixed seed keeps every run the same. */
  const fuzz = (name: string, args: fc.Arbitrary<Record<string, unknown>>, numRuns: number, seed: number) =>
    fc.assert(
      fc.asyncProperty(args, async (a) => expectClearAnswer(await callWith(name, a))),
      { numRuns, seed },
    );

  it.each(TOOL_NAMES.map((name, i) => [name, i] as const))(
    '%s answers valid-shaped arguments clearly',
    (name, i) => fuzz(name, validArgs(schemaOf(name), knownFrom(sim.data)), RUNS.valid, 7001 + i),
  );

  it.each(TOOL_NAMES.map((name, i) => [name, i] as const))(
    '%s refuses hostile arguments clearly',
    (name, i) => fuzz(name, hostileArgs(schemaOf(name), knownFrom(sim.data)), RUNS.hostile, 9001 + i),
  );

  it('answers arguments that are not an object with a JSON-RPC error or an isError, and keeps serving', async () => {
    for (const args of ['ticket_id=1', [1, 2], 42, true]) {
      const answer = await within(
        CALL_BOUND_MS,
        stack.mcp
          .request(
            { method: 'tools/call', params: { name: 'get_ticket', arguments: args as never } },
            CallToolResultSchema,
          )
          .then(
            (result) => ({ isError: result.isError, text: JSON.stringify(result.content) }),
            (error: Error) => ({ isError: true, text: error.message }),
          ),
      );
      expect(answer.isError).toBe(true);
      expect(answer.text).toMatch(/Invalid|expected/i);
    }
    const after = await callWith('list_reports', {});
    expect(after.result.isError).toBeFalsy();
  });

  // SDK v2 answers an unknown tool as the spec says: a JSON-RPC invalid-params error naming it.
  it('answers unknown tool names with an invalid-params error that names the tool', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(60), async (name) => {
        fc.pre(!tools.some((t) => t.name === name));
        const refused = await callWith(name, {}).then(
          () => undefined,
          (error: unknown) => error as { code?: number; message?: string },
        );
        expect(refused?.code).toBe(-32602);
        expect(refused?.message).toMatch(/not found/);
      }),
      { numRuns: 20, seed: 4242 },
    );
  });

  it('sent nothing but GETs to Halo and leaked no secret in any answer or log line', () => {
    expect(sim.log.apiRequests().length).toBeGreaterThan(100);
    expect(stack.observed.tokens.size).toBeGreaterThan(0);
    expectCleanRun(sim, stack);
  });
});
