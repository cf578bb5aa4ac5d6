/**
 * OK: Halo answered the way the tools expect. DIFFERS: it answered another way (the observed value
 * says how). UNKNOWN: the tenant had nothing to show it either way. FAIL: a setting is wrong and
 * nothing further can be checked.
 */
export type CheckStatus = 'OK' | 'DIFFERS' | 'UNKNOWN' | 'FAIL';

export type CheckGroup = 'connection' | 'assumption';

export interface CheckResult {
  /** Stable name, e.g. `templates.id-sign`. */
  id: string;
  group: CheckGroup;
  title: string;
  status: CheckStatus;
  /** What Halo showed: shapes, key names, signs and counts only. */
  observed: string;
  /** What the tools expect (docs/halo-api.md). */
  expected: string;
  /** Whether the tools' answers depend on it: a DIFFERS here makes the exit code 1. */
  relied: boolean;
  /** What a DIFFERS or FAIL means for the answers, or what to change. Never holds tenant values. */
  meaning?: string;
  /** Only for the text report (the user's own settings, e.g. the auth URL Halo names): never in --json. */
  localHint?: string;
  /** Touches revenue_breakdown: the server repeats a DIFFERS as a warning in revenue answers. */
  revenue?: boolean;
}

export interface DoctorReport {
  checks: CheckResult[];
  /** Requests sent to Halo: GETs (authinfo included) and token POSTs. */
  requests: { get: number; token: number };
  durationMs: number;
  /** 0 when everything the tools rely on holds, else 1. */
  exitCode: 0 | 1;
}

export const isProblem = (check: CheckResult): boolean =>
  check.status === 'FAIL' || (check.status === 'DIFFERS' && check.relied);
