import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.js';
import { estimateUpstreamRequests } from '../../src/graphql/upstream-cost.js';
import { loadTools } from '../../src/mcp/server.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, type McpStack, robustnessDataset, startSim } from './harness.js';

// The estimate must not undercount: every shipped tool, run cold at its largest page against the
// simulator, makes no more Halo requests than was estimated for it (the portfolio excepted: its
// cost follows the tenant's size, see upstream-cost.ts).

let sim: RunningSimulator;
let stack: McpStack;

beforeAll(async () => {
  sim = await startSim({ dataset: robustnessDataset('demo') });
  stack = await connectMcp(sim);
});
afterAll(async () => {
  await stack?.close();
  await sim?.stop();
});

describe('the upstream estimate is an upper bound', () => {
  it('holds for every tool at its largest page, cold', async () => {
    const data = sim.data;
    const ids: Record<string, number | undefined> = {
      ticket_id: data.tickets[0]?.id,
      client_id: data.clients[0]?.id,
      contract_id: data.contracts[0]?.id,
      invoice_id: data.invoices[0]?.id,
      asset_id: data.assets[0]?.id,
      project_id: data.tickets.find((t) => t.is_project)?.id,
      recurring_invoice_id: data.recurringInvoices[0]?.id,
      report_id: data.reports[0]?.id,
      agent_id: data.agents[0]?.id,
    };
    const rows: string[] = [];
    for (const { operation } of loadTools()) {
      const args: Record<string, unknown> = {};
      for (const v of operation.variables) {
        if (v.name === 'page_size') args.page_size = 100;
        else if (v.required && v.name in ids) args[v.name] = ids[v.name];
        else if (v.required && v.name === 'id')
          args.id = ids[`${operation.name.replace(/^get_|^run_/, '')}_id`];
      }
      if (operation.name === 'list_actions') args.client_id = ids.client_id;
      const estimate = estimateUpstreamRequests(schema, operation.document, args, operation.name);
      if (estimate.portfolio) continue;
      stack.reference.clear();
      sim.log.reset();
      const { result } = await stack.call(operation.name, args);
      const made = sim.log.count();
      rows.push(
        `${operation.name} ${JSON.stringify(args)}: made ${made}, estimated ${estimate.requests}${result.isError ? ' (error)' : ''}`,
      );
    }
    for (const row of rows) {
      const [, made, estimated] = /made (\d+), estimated (\d+)/.exec(row)!;
      expect({ row, over: Number(made) > Number(estimated) }).toEqual({ row, over: false });
    }
  });
});
