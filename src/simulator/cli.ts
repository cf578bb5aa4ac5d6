import { CLI_USAGE, parseSimulatorArgs } from './cli-args.js';
import { generateDataset } from './generate/index.js';
import { startSimulator } from './server.js';

/** `npm run simulator`: a Halo look-alike on 127.0.0.1 with a generated tenant, until Ctrl-C. */
async function main(): Promise<void> {
  let args: ReturnType<typeof parseSimulatorArgs>;
  try {
    args = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const started = performance.now();
  const dataset = generateDataset({
    size: args.size,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
  });
  const sim = await startSimulator({
    dataset,
    port: args.port,
    latencyMs: args.latencyMs,
    tenant: args.tenant,
    clientId: args.clientId,
    clientSecret: args.clientSecret,
    rateLimit: args.rateLimit,
    ...(args.variant === undefined ? {} : { variant: args.variant }),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    `Halo simulator (${args.variant ? `variant ${args.variant}, ` : ''}${args.size} dataset: ${dataset.tickets.length} tickets, ${dataset.invoices.length} invoices) ready in ${seconds}s`,
    `  HALO_INSTANCE_URL=${sim.url}`,
    `  HALO_AUTH_URL=${sim.authUrl}`,
    `  HALO_CLIENT_ID=${sim.clientId}`,
    `  HALO_CLIENT_SECRET=${sim.clientSecret}`,
    ...(sim.tenant === undefined ? [] : [`  HALO_TENANT=${sim.tenant}`]),
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
