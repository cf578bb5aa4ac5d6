import type { CallScope } from '../halo/call-scope.js';
import type { HaloReader, ScopedHaloReader } from '../halo/resources.js';
import { dayIn } from '../revenue/dates.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ReferenceCache } from './reference-cache.js';

export interface GraphQLContext {
  /** The Halo reader bound to this request's call scope. */
  halo: HaloReader;
  /** This request's cancellation, identity and progress sink (empty for a plain /graphql call). */
  scope: CallScope;
  loaders: Loaders;
  reference: ReferenceCache;
  /** Today's date (`YYYY-MM-DD`, in `timeZone`) for this request: defaults and "active today" rules use it. */
  today: string;
  /** IANA zone whose calendar day a Halo date falls on (HALO_TIMEZONE, default UTC). */
  timeZone: string;
  /** Warnings when Halo differs from what revenue figures assume (checked once per process). */
  assumptionWarnings?: () => Promise<string[]>;
}

export interface ContextDependencies {
  halo: HaloReader | ScopedHaloReader;
  reference: ReferenceCache;
  /** Clock override, for tests and for a simulator dataset anchored on another day. */
  today?: () => string;
  timeZone?: string;
  /** The server's lazy Halo assumption check (src/doctor/revenue-guard.ts); none in plain tests. */
  revenueWarnings?: (halo: HaloReader) => Promise<string[]>;
}

/** Loaders are made per request, so nothing cached by one caller is served to another. */
export function createContextFactory(deps: ContextDependencies): (scope?: CallScope) => GraphQLContext {
  const timeZone = deps.timeZone ?? 'UTC';
  const today = deps.today ?? (() => dayIn(new Date(), timeZone));
  const guard = deps.revenueWarnings;
  return (scope = {}) => {
    const halo = 'forCall' in deps.halo ? deps.halo.forCall(scope) : deps.halo;
    return {
      halo,
      scope,
      reference: deps.reference,
      loaders: createLoaders(halo, deps.reference),
      today: today(),
      timeZone,
      ...(guard ? { assumptionWarnings: () => guard(halo) } : {}),
    };
  };
}

/** What a caller inside the process hands yoga beside the request (`yoga.fetch(url, init, serverContext)`). */
export interface ServerContext {
  scope?: CallScope;
}
