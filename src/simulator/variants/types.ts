import type { DatasetIndex } from '../dataset-index.js';

/**
 * A "different Halo": how another build or configuration of Halo could answer where the project's
 * documented assumptions (docs/halo-api.md §8) might not hold. A variant reshapes requests and
 * answers around the default endpoints, so the default simulator stays the one reference of real
 * Halo shapes. `resource` is the lower-case path segment after `/api/` (`recurringinvoice`).
 */
export interface SimulatorVariant {
  name: string;
  /** The query the endpoint sees instead of the one sent (e.g. include flags dropped). */
  query?(resource: string, params: URLSearchParams): URLSearchParams;
  /** The id the endpoint looks up for a detail path (e.g. the stored id behind a rewritten one). */
  detailId?(resource: string, id: string, index: DatasetIndex): string;
  /** The body sent instead of the endpoint's answer. Must not modify `body` (it may be stored data). */
  body?(resource: string, form: 'list' | 'detail', body: unknown): unknown;
}
