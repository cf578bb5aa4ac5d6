import type { HaloReader } from '../halo/resources.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ReferenceCache } from './reference-cache.js';

export interface GraphQLContext {
  halo: HaloReader;
  loaders: Loaders;
  reference: ReferenceCache;
  /** Today's date (`YYYY-MM-DD`, UTC) for this request: defaults and "active today" rules use it. */
  today: string;
}

export interface ContextDependencies {
  halo: HaloReader;
  reference: ReferenceCache;
  /** Clock override, for tests and for a simulator dataset anchored on another day. */
  today?: () => string;
}

/** Loaders are made per request, so nothing cached by one caller is served to another. */
export function createContextFactory(deps: ContextDependencies): () => GraphQLContext {
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  return () => ({
    halo: deps.halo,
    reference: deps.reference,
    loaders: createLoaders(deps.halo, deps.reference),
    today: today(),
  });
}
