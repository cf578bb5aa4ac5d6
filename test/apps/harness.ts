import { buildViews } from '../../src/apps/build-views.js';
import type { AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import { createHttpServer, listen, type RunningHttpServer } from '../../src/server/http.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';

/** The day the generated history ends on, and "today" for the server. */
export const TODAY = '2026-11-24';

/** A client name that would run script if any view put Halo text into HTML. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

export interface AppsServer {
  halo: TestHalo;
  app: App;
  http: RunningHttpServer;
  dataset: Dataset;
  stop(): Promise<void>;
}

/**
 * The dataset with one client renamed everywhere Halo writes its name: the client record and the
 * `client_name` its tickets, invoices and other records carry.
 */
export function withClientNamed(dataset: Dataset, clientId: number, name: string): Dataset {
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dataset)) {
    renamed[key] = Array.isArray(value)
      ? value.map((row) => {
          if (!row || typeof row !== 'object') return row;
          const record = row as Record<string, unknown>;
          if (key === 'clients' && record.id === clientId) return { ...record, name };
          if (record.client_id === clientId && 'client_name' in record)
            return { ...record, client_name: name };
          return row;
        })
      : value;
  }
  return renamed as unknown as Dataset;
}

/** The client with the most unpaid invoices: it shows in the portfolio, the debtors and its own views. */
export function mostOwingClient(dataset: Dataset): number {
  const counts = new Map<number, number>();
  for (const invoice of dataset.invoices) {
    const id = invoice.client_id ?? 0;
    if (id > 0 && !invoice.voided && (invoice.amountdue ?? 0) > 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** The demo dataset, with its most owing client renamed to HOSTILE_NAME. */
export function demoDataset(): { dataset: Dataset; hostileClientId: number } {
  const dataset = generateDataset({ size: 'demo', today: TODAY });
  const hostileClientId = mostOwingClient(dataset);
  return { dataset: withClientNamed(dataset, hostileClientId, HOSTILE_NAME), hostileClientId };
}

/**
 * The real server (HTTP, /mcp and /views) over the simulator serving `dataset`, with the views
 * freshly built into dist/views (the folder the server reads).
 */
export async function startAppsServer(dataset: Dataset): Promise<AppsServer> {
  await buildViews();
  const halo = await startTestHalo({ dataset });
  const config: AppConfig = {
    halo: halo.config,
    server: { host: '127.0.0.1', port: 0, allowedOrigins: [] },
    demo: false,
    logLevel: 'error',
  };
  const app = await createApp(config, {
    logger: silentLogger,
    source: async () => ({ halo: halo.config, today: () => TODAY }),
  });
  const http = await listen(createHttpServer(app, config.server), '127.0.0.1', 0);
  return {
    halo,
    app,
    http,
    dataset,
    async stop() {
      await http.close();
      await app.close();
      await halo.stop();
    },
  };
}
