import type { CallScope } from '../halo/call-scope.js';
import type { HaloReader, ScopedHaloReader } from '../halo/resources.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ReferenceCache } from './reference-cache.js';

export interface GraphQLContext {
  /** The Halo reader bound to this request's call scope. */
  halo: HaloReader;
  /** This request's cancellation, identity and progress sink (empty for a plain /graphql call). */
  scope: CallScope;
  loaders: Loaders;
  reference: ReferenceCache;
  /** Today's date (`YYYY-MM-DD`, UTC) for this request: defaults and "active today" rules use it. */
  today: string;
}

export interface ContextDependencies {
  halo: HaloReader | ScopedHaloReader;
  reference: ReferenceCache;
  /** Clock override, for tests and for a simulator dataset anchored on another day. */
  today?: () => string;
}

/** Loaders are made per request, so nothing cached by one caller is served to another. */
export function createContextFactory(deps: ContextDependencies): (scope?: CallScope) => GraphQLContext {
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  return (scope = {}) => {
    const halo = 'forCall' in deps.halo ? deps.halo.forCall(scope) : deps.halo;
    // Reference lists outlive the call that read them (and are awaited by others): one caller's
    // cancellation must not abort them, so they are read without the call's signal.
    const { signal: _notShared, onUpstream: _notCounted, ...shareable } = scope;
    const referenceReader = 'forCall' in deps.halo ? deps.halo.forCall(shareable) : deps.halo;
    const reference = deps.reference.forCall(scope, referenceReader);
    return {
      halo,
      scope,
      reference,
      loaders: createLoaders(halo, reference),
      today: today(),
    };
  };
}

/** What a caller inside the process hands yoga beside the request (`yoga.fetch(url, init, serverContext)`). */
export interface ServerContext {
  scope?: CallScope;
}
