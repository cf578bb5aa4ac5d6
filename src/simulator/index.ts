export type { Dataset, SavedReport } from './dataset.js';
export { emptyDataset } from './dataset.js';
export { DEFAULT_RATE_LIMIT, startSimulator } from './server.js';
export type {
  FailOptions,
  FaultControls,
  LatencySpec,
  LogEntry,
  LoggedQuery,
  RateLimitSpec,
  RequestLogView,
  RunningSimulator,
  SimulatorOptions,
} from './types.js';
