export { isContractActive, isTemplateActive } from './activity.js';
export { lineNet, round2 } from './amounts.js';
export { classifyLine, isRecurring } from './classify.js';
export { type ClientRevenueInput, computeClientRevenue } from './compute.js';
export { checkDay, checkPeriod, dayOf, defaultPeriod, isDay, resolvePeriod } from './dates.js';
export { apportionCents, monthSeries } from './months.js';
export {
  BILLING_PERIOD_NAMES,
  BILLING_PERIODS,
  type BillingPeriod,
  type BillingPeriodName,
  monthlyValue,
  parseBillingPeriod,
  readPeriod,
} from './period.js';
export { computePortfolio, hasRevenue } from './portfolio.js';
export type * from './types.js';
