export * from './block-hours.js';
export * from './client-overview.js';
export * from './common.js';
export * from './contract-renewals.js';
export * from './receivables.js';
export * from './sla.js';
export * from './unbilled-time.js';
