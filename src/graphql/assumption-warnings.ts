import type { GraphQLContext } from './context.js';

/**
 * Puts the server's own Halo assumption warnings (src/doctor/revenue-guard.ts, run once on the
 * first revenue call) in front of a revenue answer's warnings. A guard that fails adds nothing:
 * the revenue answer itself must not fail for it.
 */
export async function withAssumptionWarnings<T extends { warnings: string[] }>(
  result: T,
  ctx: GraphQLContext,
): Promise<T> {
  const extra = await ctx.assumptionWarnings?.().catch(() => []);
  return extra?.length ? { ...result, warnings: [...extra, ...result.warnings] } : result;
}
