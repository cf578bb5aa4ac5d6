import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The shipping checks drive what a user runs: the built CLI (`npm test` builds before vitest) and
// the scripts in .ci/, as child processes.

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));

/** The shipped bin (`npm run build` bundles it after tsc). */
export const BUNDLED_BIN = fileURLToPath(new URL('../../dist/bin/halo-psa-mcp.js', import.meta.url));

export function assertBundled(): void {
  if (!existsSync(BUNDLED_BIN))
    throw new Error('dist/bin/halo-psa-mcp.js is missing: run `npm run build` first');
}

export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI)) throw new Error('dist/server/cli.js is missing: run `npm run build` first');
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in the stream; rejects if the process exits first. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/** Starts `node dist/server/cli.js ARGS` (or another entry) with exactly `env` (nothing inherited but PATH). */
export function startCli(args: string[], env: Record<string, string>, entry = BUILT_CLI): CliProcess {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: REPO,
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor(stream, pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out[stream]);
          if (!match) return;
          finish();
          resolve(match);
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(`no ${pattern} on ${stream} within ${timeoutMs} ms:\n${out[stream]}\n${out.stderr}`),
          );
        }, timeoutMs);
        const onExit = (code: number | null) => {
          finish();
          reject(new Error(`exited ${code} before ${pattern} on ${stream}:\n${out.stdout}\n${out.stderr}`));
        };
        const finish = () => {
          clearTimeout(timer);
          child[stream].off('data', check);
          child.off('exit', onExit);
        };
        child[stream].on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result, not an exception. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: REPO, env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
