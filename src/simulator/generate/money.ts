import type { BillingPeriodSpec } from './billing-periods.js';

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The price of one occurrence of `period` (x `every`) for something costing `monthly` a month. */
export function periodPrice(monthly: number, period: BillingPeriodSpec, every = 1): number {
  const months = period.months > 0 ? period.months : (period.days * 12) / 365;
  return round2(monthly * months * every);
}

/** One shared copy of each repeated text (references such as "Licences - March 2026"). */
export function createInterner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}
