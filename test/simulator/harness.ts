import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/types.js';
import { fixtureDataset } from './fixture.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when the body is not JSON. */
  json: unknown;
}

export interface Harness {
  sim: RunningSimulator;
  /** Fetches a fresh token from the simulator. */
  token(): Promise<string>;
  /** Authenticated GET of `/api/<path>` with a token fetched once and reused. */
  get(path: string, init?: RequestInit): Promise<Answer>;
  /** Raw request to `${sim.url}${path}`. */
  request(path: string, init?: RequestInit): Promise<Answer>;
  /** Replaces the token `get` reuses (after `expireTokens`). */
  renewToken(): Promise<void>;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function tokenForm(sim: RunningSimulator, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    scope: 'all',
    ...overrides,
  });
}

/** Starts a simulator on the hand-made fixture (rate limit off unless given). */
export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const sim = await startSimulator({ dataset: fixtureDataset(), rateLimit: false, ...options });
  const request = async (path: string, init?: RequestInit) => read(await fetch(`${sim.url}${path}`, init));
  const token = async () => {
    const tenant = sim.tenant === undefined ? '' : `?tenant=${encodeURIComponent(sim.tenant)}`;
    const answer = await request(`/auth/token${tenant}`, { method: 'POST', body: tokenForm(sim) });
    return (answer.json as { access_token: string }).access_token;
  };
  let cached: string | undefined;
  return {
    sim,
    token,
    request,
    async renewToken() {
      cached = await token();
    },
    async get(path, init = {}) {
      cached ??= await token();
      return request(`/api/${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${cached}`, ...init.headers },
      });
    },
  };
}

/** The rows of a list answer: the envelope's array, or the bare array. */
export function rows(answer: Answer, key?: string): Array<Record<string, unknown>> {
  const body = answer.json as Record<string, unknown> | unknown[];
  const list = Array.isArray(body) ? body : key === undefined ? undefined : body[key];
  if (!Array.isArray(list)) throw new Error(`no row array in ${answer.text.slice(0, 200)}`);
  return list as Array<Record<string, unknown>>;
}

export function ids(answer: Answer, key?: string): unknown[] {
  return rows(answer, key).map((row) => row.id);
}

/** A clock the test moves by hand. */
export function handClock(start = Date.UTC(2026, 2, 15, 12)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}
