import { cpus, totalmem } from 'node:os';

/** The lines that say where and when the figures were measured. */
export function machineLines(): string[] {
  const cores = cpus();
  return [
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `Node: ${process.version} (${process.platform} ${process.arch})`,
    `CPU: ${cores[0]?.model.trim() ?? 'unknown'}, ${cores.length} cores`,
    `Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  ];
}
