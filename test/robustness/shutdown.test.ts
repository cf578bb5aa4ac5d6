import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { assertBuilt, type CliProcess, startCli } from '../ship/processes.js';
import { startSim, within } from './harness.js';

// SIGTERM to the built server with calls in flight: every call already taken is answered, new ones
// are turned away, /health says "draining" meanwhile, and the process then exits on its own.

const CALLS = 10;
/** Each Halo answer takes this long, so the calls are surely still running when the signal comes. */
const LATENCY_MS = 1_500;

let sim: RunningSimulator;
let cli: CliProcess | undefined;

beforeAll(async () => {
  assertBuilt();
  sim = await startSim({ latencyMs: LATENCY_MS });
});
afterAll(async () => {
  await cli?.stop();
  await sim?.stop();
});

function toolCall(id: number, ticketId: number) {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'get_ticket', arguments: { ticket_id: ticketId } },
  });
}

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('graceful shutdown', () => {
  it('answers every call in flight after SIGTERM, refuses new ones, reports draining, then exits', async () => {
    cli = startCli(['--http'], {
      HALO_INSTANCE_URL: sim.url,
      HALO_CLIENT_ID: sim.clientId,
      HALO_CLIENT_SECRET: sim.clientSecret,
      HALO_MCP_PORT: '0',
      HALO_MAX_CONCURRENCY: '16',
      HALO_LOG_LEVEL: 'info',
    });
    const [, url] = await cli.waitFor('stderr', /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
    const tickets = sim.data.tickets.slice(0, CALLS).map((t) => t.id);
    expect(tickets).toHaveLength(CALLS);
    sim.log.reset();
    const calls = tickets.map((ticketId, i) =>
      fetch(`${url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: toolCall(i + 1, ticketId) }),
    );
    // Every call has reached Halo (its ticket read is waiting on the latency) before the signal.
    await within(
      15_000,
      until(() => sim.log.count('/api/tickets/') >= CALLS),
    );
    const exited = new Promise<number | null>((resolve) => cli!.child.once('exit', (code) => resolve(code)));
    cli.child.kill('SIGTERM');
    await within(5_000, cli.waitFor('stderr', /draining/));

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { status: string }).status).toBe('draining');
    const late = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: toolCall(99, tickets[0]!),
    });
    expect(late.status).toBe(503);

    const answers = await within(
      20_000,
      Promise.all(
        calls.map(async (call) => ({ status: (await call).status, body: await (await call).json() })),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      // biome-ignore lint/suspicious/noExplicitAny: the JSON-RPC answer's shape is asserted here.
      const result = (answer.body as any).result;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent.ticket.id).toBe(tickets[i]);
    }
    expect(await within(10_000, exited)).toBe(0);
    expect(cli.stderr()).not.toMatch(/calls cut off/);
  });

  it('on stdio, finishes the call it is running before it exits', async () => {
    const stdio = startCli(['--stdio'], {
      HALO_INSTANCE_URL: sim.url,
      HALO_CLIENT_ID: sim.clientId,
      HALO_CLIENT_SECRET: sim.clientSecret,
      HALO_LOG_LEVEL: 'info',
    });
    cli = stdio;
    const send = (message: unknown) => stdio.child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'drain-test', version: '1' },
      },
    });
    await stdio.waitFor('stdout', /"id":1/);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const ticketId = sim.data.tickets[0]!.id;
    sim.log.reset();
    send(JSON.parse(toolCall(2, ticketId)));
    await within(
      15_000,
      until(() => sim.log.count('/api/tickets/') >= 1),
    );
    const exited = new Promise<number | null>((resolve) => stdio.child.once('exit', (code) => resolve(code)));
    stdio.child.kill('SIGTERM');
    const [line] = await stdio.waitFor('stdout', /^.*"id":2.*$/m, 20_000);
    const answer = JSON.parse(line);
    expect(answer.result.isError).toBeFalsy();
    expect(answer.result.structuredContent.ticket.id).toBe(ticketId);
    expect(await within(10_000, exited)).toBe(0);
  });
});
