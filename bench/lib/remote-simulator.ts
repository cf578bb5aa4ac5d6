import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  ChildReady,
  ChildReply,
  RequestTally,
  SimulatorCommand,
  SimulatorSpec,
} from './simulator-protocol.js';

export interface RemoteSimulator extends Omit<ChildReady, 'ready'> {
  /** Empties the simulator's request log. */
  resetLog(): Promise<void>;
  /** `/api` requests received since the last reset. */
  requests(): Promise<RequestTally>;
  setLatency(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));

/** Starts the simulator in a child process (see simulator-child.ts) and waits until it serves. */
export async function startRemoteSimulator(spec: SimulatorSpec): Promise<RemoteSimulator> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(spec) },
  });
  const pending = new Map<number, (reply: ChildReply) => void>();
  let nextId = 1;
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator child exited (${code}) before it was ready`)));
    child.on('message', (message: ChildReady | ChildReply) => {
      if ('ready' in message) resolve(message);
      else pending.get(message.id)?.(message);
    });
  });
  child.removeAllListeners('exit');
  const ask = (command: SimulatorCommand) =>
    new Promise<ChildReply>((resolve) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        resolve(reply);
      });
      child.send({ ...command, id });
    });
  const { ready: _ready, ...info } = ready;
  return {
    ...info,
    resetLog: async () => {
      await ask({ cmd: 'reset' });
    },
    requests: async () => (await ask({ cmd: 'log' })).log!,
    setLatency: async (ms) => {
      await ask({ cmd: 'latency', ms });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'stop', id: nextId++ });
      await exited;
    },
  };
}

/** The environment a spawned stdio server needs to reach this simulator (and nothing else). */
export function serverEnvFor(sim: RemoteSimulator): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HALO_INSTANCE_URL: sim.url,
    HALO_AUTH_URL: sim.authUrl,
    HALO_CLIENT_ID: sim.clientId,
    HALO_CLIENT_SECRET: sim.clientSecret,
    HALO_LOG_LEVEL: 'error',
  };
}
