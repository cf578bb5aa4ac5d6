import type { CustomSize, DatasetSize } from '../../src/simulator/generate/index.js';
import type { Picks } from './picks.js';

/** What the simulator child serves. */
export interface SimulatorSpec {
  size: DatasetSize | CustomSize;
  latencyMs: number;
  today?: string;
}

export type SimulatorCommand =
  | { cmd: 'reset' }
  | { cmd: 'log' }
  | { cmd: 'latency'; ms: number }
  | { cmd: 'stop' };

export type ChildCommand = SimulatorCommand & { id: number };

export interface RequestTally {
  /** Requests to `/api` (Halo's resource server; token requests are not counted). */
  total: number;
  byEndpoint: Record<string, number>;
  /** CPU time the simulator process spent since the reset (answering, filtering, serialising). */
  cpuMs: number;
  /** Token requests (POST /auth/token) since the reset. */
  tokens: number;
}

export interface ChildReply {
  id: number;
  ok: true;
  log?: RequestTally;
}

export interface ChildReady {
  ready: true;
  url: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  today: string;
  generatedMs: number;
  counts: Record<string, number>;
  picks: Picks;
}
