// The Docker image's HEALTHCHECK: `node dist/bin/healthcheck.js`. In HTTP mode it asks the
// server's own /health on loopback; in stdio mode there is no listener and the container is as
// healthy as its client's pipe, so it passes. The mode and port come from the server's command
// line (PID 1 in the container, exec-form ENTRYPOINT) or else from the environment, as the CLI
// reads them.
import { readFileSync } from 'node:fs';

/** PID 1's arguments when PID 1 is this server (as in the image), else none. */
function serverArgs(): string[] {
  try {
    const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
    return args.some((a) => /(halo-psa-mcp|cli)\.js$/.test(a)) ? args : [];
  } catch {
    return [];
  }
}

function flagValue(args: string[], name: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export async function healthcheck(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const transport = args.includes('--http')
    ? 'http'
    : args.includes('--stdio')
      ? 'stdio'
      : (env.HALO_MCP_TRANSPORT ?? 'stdio');
  if (transport !== 'http') return 0;
  const port = flagValue(args, '--port') ?? env.HALO_MCP_PORT ?? '8787';
  const bound = flagValue(args, '--host') ?? env.HALO_MCP_HOST ?? '127.0.0.1';
  const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
  try {
    const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/health`, {
      signal: AbortSignal.timeout(4_000),
    });
    const body = (await response.json()) as { status?: string };
    // Degraded (Redis away) still serves, at this replica's share of the Halo budget.
    if (response.ok && (body.status === 'ok' || body.status === 'degraded')) return 0;
    process.stderr.write(`unhealthy: /health answered ${response.status} ${JSON.stringify(body)}\n`);
  } catch (error) {
    process.stderr.write(`unhealthy: ${(error as Error).message}\n`);
  }
  return 1;
}

process.exitCode = await healthcheck(serverArgs(), process.env);
