import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPTS } from '../../src/mcp/prompts/catalogue.js';
import { loadTools } from '../../src/mcp/server.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { type McpHarness, startMcpHarness } from './harness.js';

// Prompts a user picks from a menu, each filling in a tool chain, on both protocol eras; client
// names complete from the cached client directory.

const TOOL_NAMES = new Set(loadTools().map((t) => t.operation.name));

let modern: McpHarness;
let legacy: McpHarness;
beforeAll(async () => {
  const dataset = () => generateDataset({ size: 'demo', seed: 3, today: '2026-11-24' });
  modern = await startMcpHarness({ dataset: dataset() });
  legacy = await startMcpHarness({ dataset: dataset(), legacy: true });
});
afterAll(async () => {
  await modern?.stop();
  await legacy?.stop();
});

describe('prompts', () => {
  it('chains only tools the server has', () => {
    for (const prompt of PROMPTS) for (const tool of prompt.tools) expect(TOOL_NAMES).toContain(tool);
  });

  it.each([
    ['2026-07-28', () => modern],
    ['2025-11-25', () => legacy],
  ])('lists the prompts with their arguments (%s)', async (_era, harness) => {
    const { prompts } = await harness().mcp.listPrompts();
    expect(prompts.map((p) => p.title)).toEqual([
      'Revenue review for a client',
      'Portfolio: where is recurring revenue concentrated',
      'Open ticket triage for a client',
      'Unpaid invoices follow-up',
      'Revenue leakage: unbilled time',
      'Renewals and block hours coming up',
      'SLA performance and tickets at risk',
      'Receivables aging: who owes what',
      'Quarterly business review pack for a client',
    ]);
    const review = prompts.find((p) => p.name === 'revenue_review')!;
    expect(review.arguments).toEqual([
      expect.objectContaining({ name: 'client', required: true }),
      expect.objectContaining({ name: 'from', required: false }),
      expect.objectContaining({ name: 'to', required: false }),
    ]);
  });

  it('fills in the tool chain with the arguments given, quoted', async () => {
    const got = await modern.mcp.getPrompt({
      name: 'revenue_review',
      arguments: { client: 'Acme "North" Ltd', from: '2026-01-01' },
    });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Call revenue_breakdown with client="Acme \\"North\\" Ltd" with from=2026-01-01.');
    expect(text).toMatch(/list_recurring_invoices and list_contracts/);
    const portfolio = await modern.mcp.getPrompt({ name: 'portfolio_concentration', arguments: {} });
    expect((portfolio.messages[0]!.content as { text: string }).text).toContain(
      'revenue_breakdown without a client (default period: the 12 months to today)',
    );
  });

  it('fills in each analytics prompt with its tool call', async () => {
    const text = async (name: string, args: Record<string, string>) =>
      ((await modern.mcp.getPrompt({ name, arguments: args })).messages[0]!.content as { text: string }).text;
    expect(await text('revenue_leakage_review', {})).toContain('1. Call unbilled_time (default period');
    expect(await text('renewals_review', { client: 'Acme', days: '60' })).toContain(
      '1. Call contract_renewals with client="Acme" and days=60.',
    );
    expect(await text('sla_review', {})).toContain(
      '1. Call sla_performance with group_by=TEAM (default period',
    );
    expect(await text('receivables_review', { client: 'Acme' })).toContain(
      '1. Call receivables_aging with client="Acme".',
    );
    expect(await text('quarterly_business_review', { client: 'Acme', from: '2026-07-01' })).toContain(
      '1. Call client_overview with client="Acme" and from=2026-07-01.',
    );
  });

  it('refuses a prompt without its required client', async () => {
    await expect(modern.mcp.getPrompt({ name: 'ticket_triage', arguments: {} })).rejects.toThrow(/client/);
  });
});

describe('client name completions', () => {
  const complete = (harness: McpHarness, value: string) =>
    harness.mcp.complete({
      ref: { type: 'ref/prompt', name: 'revenue_review' },
      argument: { name: 'client', value },
    });

  it('offers client names by case-insensitive prefix, from one cached read of the directory', async () => {
    modern.reference.clear();
    modern.resetLog();
    const name = modern.sim.data.clients.find((c) => !c.inactive && c.id > 1)!.name;
    const typed = name.slice(0, 3).toUpperCase();
    const first = await complete(modern, typed);
    const expected = modern.sim.data.clients
      .filter((c) => c.name.toLowerCase().startsWith(typed.toLowerCase()))
      .map((c) => c.name);
    expect([...first.completion.values].sort()).toEqual([...new Set(expected)].sort());
    expect(first.completion.values).toContain(name);
    const directoryReads = modern.requests().length;
    expect(directoryReads).toBeGreaterThan(0);
    expect(modern.requests().every((r) => r.path === '/api/Client')).toBe(true);
    // Typing on asks again; the directory is cached.
    await complete(modern, name.slice(0, 4).toLowerCase());
    await complete(legacy, name.slice(0, 4));
    expect(modern.requests().length).toBe(directoryReads);
  });

  it('offers at most 20 names, active clients first', async () => {
    const all = await complete(modern, '');
    const active = new Set(modern.sim.data.clients.filter((c) => !c.inactive).map((c) => c.name));
    expect(modern.sim.data.clients.length).toBeGreaterThan(20);
    expect(all.completion.values).toHaveLength(20);
    // Once an inactive client is offered, only inactive ones follow.
    const flags = all.completion.values.map((n) => active.has(n));
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it('offers nothing for a prefix no client has', async () => {
    expect((await complete(modern, 'zzzz-no-such-client')).completion.values).toEqual([]);
  });
});
