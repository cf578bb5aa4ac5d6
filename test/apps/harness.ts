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

/** The demo dataset, with the client that has the most invoices renamed to HOSTILE_NAME. */
export function demoDataset(): { dataset: Dataset; hostileClientId: number } {
  const dataset = generateDataset({ size: 'demo', today: TODAY });
  const invoices = new Map<number, number>();
  for (const invoice of dataset.invoices) {
    const id = invoice.client_id ?? 0;
    invoices.set(id, (invoices.get(id) ?? 0) + 1);
  }
  const [hostileClientId] = [...invoices.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const clients = dataset.clients.map((c) => (c.id === hostileClientId ? { ...c, name: HOSTILE_NAME } : c));
  return { dataset: { ...dataset, clients }, hostileClientId };
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
