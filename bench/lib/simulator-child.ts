// Child process: generates a dataset, serves it with the Halo simulator, and answers the parent's
// requests over IPC (request log, latency). Kept out of the measured process so that the dataset's
// memory and the simulator's CPU do not show up in our figures: a real Halo is remote too.

import { generateDataset } from '../../src/simulator/generate/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { pickArguments } from './picks.js';
import type { ChildCommand, ChildReady, ChildReply, SimulatorSpec } from './simulator-protocol.js';

const spec = JSON.parse(process.env.BENCH_SIMULATOR ?? '{}') as SimulatorSpec;
const send = (message: ChildReady | ChildReply) => process.send?.(message);

const started = performance.now();
const dataset = generateDataset({ size: spec.size, ...(spec.today ? { today: spec.today } : {}) });
const generatedMs = performance.now() - started;
const sim = await startSimulator({ dataset, rateLimit: false, latencyMs: spec.latencyMs });

/** `/api/Client/12` -> `/api/Client/{id}`, so the breakdown groups by endpoint. */
const endpointOf = (path: string) =>
  path.replace(/\/[^/]+$/, (last) => (/\/\d+$/.test(last) ? '/{id}' : last));

let cpuAtReset = process.cpuUsage();

const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
// The parent went away (finished, crashed or interrupted): do not outlive it.
process.once('disconnect', shutdown);

process.on('message', (command: ChildCommand) => {
  switch (command.cmd) {
    case 'reset':
      sim.log.reset();
      cpuAtReset = process.cpuUsage();
      return send({ id: command.id, ok: true });
    case 'log': {
      const byEndpoint: Record<string, number> = {};
      const requests = sim.log.apiRequests();
      for (const entry of requests) {
        const key = endpointOf(entry.path);
        byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
      }
      const cpu = process.cpuUsage(cpuAtReset);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      return send({
        id: command.id,
        ok: true,
        log: { total: requests.length, byEndpoint, cpuMs, tokens: sim.log.count('/auth/token') },
      });
    }
    case 'latency':
      sim.faults.setLatency(command.ms);
      return send({ id: command.id, ok: true });
    case 'stop':
      return shutdown();
  }
});

send({
  ready: true,
  url: sim.url,
  authUrl: sim.authUrl,
  clientId: sim.clientId,
  clientSecret: sim.clientSecret,
  today: dataset.today,
  generatedMs,
  counts: {
    clients: dataset.clients.length,
    tickets: dataset.tickets.length,
    actions: dataset.actions.length,
    contracts: dataset.contracts.length,
    invoices: dataset.invoices.length,
    recurringInvoices: dataset.recurringInvoices.length,
    assets: dataset.assets.length,
    users: dataset.users.length,
    sites: dataset.sites.length,
    agents: dataset.agents.length,
  },
  picks: pickArguments(dataset),
});
