import { spawn } from 'node:child_process';

/** Runs a command to completion; rejects on a non-zero exit with its stderr. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; inheritStdout?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      stdio: ['ignore', options.inheritStdout ? 'inherit' : 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}
