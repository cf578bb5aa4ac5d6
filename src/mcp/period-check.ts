import { ToolInputError } from './tool-errors.js';

/**
 * A period given backwards (`from` after `to`, `opened_from` after `opened_to`...), refused before
 * any request and named with the caller's own argument names (the GraphQL layer knows only its own).
 */
export function checkPeriods(args: Record<string, unknown>): void {
  for (const [name, start] of Object.entries(args)) {
    const end = name === 'from' ? 'to' : name.endsWith('_from') ? `${name.slice(0, -5)}_to` : undefined;
    if (!end) continue;
    const finish = args[end];
    if (typeof start === 'string' && typeof finish === 'string' && start > finish) {
      throw new ToolInputError(`${name} (${start}) must not be after ${end} (${finish}).`);
    }
  }
}
