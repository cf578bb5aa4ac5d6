import type { Denied } from '../probe.js';
import type { CheckResult } from '../types.js';
import { assumption } from './shape.js';

/** Endpoints that answered 401/403 during the run: tools reading them fail for lack of scope or permission. */
export function scopesCheck(denied: readonly Denied[]): CheckResult {
  const list = [...new Set(denied.map((d) => `${d.endpoint.split('?')[0]} (${d.status})`))];
  return assumption({
    id: 'access.scopes',
    title: 'Every endpoint the tools read is allowed (no 401/403)',
    status: list.length === 0 ? 'OK' : 'DIFFERS',
    observed: list.length === 0 ? 'no 401/403' : list.join(', '),
    expected: 'no 401/403',
    relied: true,
    meaning:
      'Tools reading these endpoints fail with a permission error: add the scope (README, "Scopes") or grant the module to the API application\'s agent.',
  });
}

/** Rate-limit headers Halo sent (names only). */
export function rateHeadersCheck(names: ReadonlySet<string>): CheckResult {
  const list = [...names].sort();
  return assumption({
    id: 'access.rate-limit-headers',
    title: 'Rate-limit headers',
    status: list.length === 0 ? 'UNKNOWN' : 'OK',
    observed: list.length === 0 ? 'none sent' : list.join(', '),
    expected:
      'unknown (Halo documents none); the server paces itself at HALO_RATE_LIMIT per HALO_RATE_WINDOW_MS',
    relied: false,
  });
}
