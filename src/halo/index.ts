export { type BudgetStore, type BudgetWindow, MemoryBudgetStore } from './budget-store.js';
export { createHaloClient, type HaloClient, type HaloClientOptions, type HaloClientStats } from './client.js';
export { HaloApiError, type HaloErrorCode, isHaloApiError } from './errors.js';
export { normalise } from './normalise.js';
export * from './resources.js';
export type * from './types.js';
