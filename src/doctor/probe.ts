import type { HaloConfig } from '../config.js';
import { createHaloClient, type HaloClient } from '../halo/client.js';
import { isHaloApiError } from '../halo/errors.js';
import type { QueryParams } from '../halo/resources.js';

/** The doctor should finish in seconds: one hung request may not hold it for HALO_TIMEOUT_MS (30 s). */
const DOCTOR_TIMEOUT_MS = 10_000;
const DOCTOR_BUDGET_MS = 20_000;

/** Response headers that speak about rate limits (names only are reported). */
const RATE_HEADER = /rate-?limit|retry-after|x-rate/i;

export interface Denied {
  endpoint: string;
  status: number;
}

/**
 * The doctor's view of Halo: a real client (same auth, retries and error messages as the tools)
 * over a fetch that counts requests and notes rate-limit headers, and a `read` that records
 * 401/403 answers instead of stopping the run.
 */
export class Probe {
  readonly client: HaloClient;
  readonly rateHeaders = new Set<string>();
  readonly denied: Denied[] = [];
  gets = 0;
  tokenPosts = 0;

  readonly config: HaloConfig;

  constructor(configured: HaloConfig, fetchImpl: typeof fetch = globalThis.fetch) {
    this.config = {
      ...configured,
      requestTimeoutMs: Math.min(configured.requestTimeoutMs, DOCTOR_TIMEOUT_MS),
      retryBudgetMs: Math.min(configured.retryBudgetMs, DOCTOR_BUDGET_MS),
      maxRetries: Math.min(configured.maxRetries, 1),
    };
    const counting: typeof fetch = async (input, init) => {
      if ((init?.method ?? 'GET') === 'GET') this.gets++;
      else this.tokenPosts++;
      const response = await fetchImpl(input, init);
      for (const name of response.headers.keys()) if (RATE_HEADER.test(name)) this.rateHeaders.add(name);
      return response;
    };
    this.client = createHaloClient(this.config, { fetch: counting });
    this.fetch = counting;
  }

  /** The counting fetch, for requests outside the client (`/api/authinfo`). */
  readonly fetch: typeof fetch;

  /** A raw GET under `/api`; `undefined` when Halo refused it for permissions (recorded in `denied`). */
  async read(path: string, query?: QueryParams): Promise<unknown> {
    try {
      return await this.client.get(path, query);
    } catch (error) {
      if (
        isHaloApiError(error) &&
        (error.status === 401 || error.status === 403) &&
        !error.endpoint.startsWith('POST')
      ) {
        this.denied.push({ endpoint: error.endpoint, status: error.status });
        return undefined;
      }
      throw error;
    }
  }

  close(): void {
    this.client.close();
  }
}
