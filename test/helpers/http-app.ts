import type { AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import { createHttpServer, listen, type RunningHttpServer } from '../../src/server/http.js';
import type { TestHalo } from './halo.js';

export interface HttpApp {
  app: App;
  http: RunningHttpServer;
  close(): Promise<void>;
}

/** The whole app over a test Halo, serving HTTP on a free loopback port (no token, no origins). */
export async function startHttpApp(halo: TestHalo): Promise<HttpApp> {
  const config: AppConfig = {
    halo: halo.config,
    server: { host: '127.0.0.1', port: 0, allowedOrigins: [] },
    demo: false,
    logLevel: 'error',
  };
  const app = await createApp(config, { logger: silentLogger });
  const http = await listen(createHttpServer(app, config.server), '127.0.0.1', 0);
  return {
    app,
    http,
    async close() {
      await http.close();
      await app.close();
    },
  };
}
