// Billing periods: from Halo's period TEXT to a monthly value. Halo's numeric `period` /
// `billingperiod` enumerations are unverified (docs/halo-api.md §3.6, §3.8), so a number alone
// never decides a period: the caller gets null and says so in a warning.

export interface BillingPeriod {
  /** The spelling the simulator writes and the output reports. */
  name: string;
  /** Occurrences per month: a value per occurrence times this is the monthly value. */
  perMonth: number;
  /** Other spellings accepted, compared after lower-casing and dropping spaces, hyphens, underscores. */
  aliases: string[];
}

export const BILLING_PERIODS = [
  { name: 'Weekly', perMonth: 52 / 12, aliases: [] },
  { name: 'Fortnightly', perMonth: 26 / 12, aliases: ['twoweekly', 'everytwoweeks'] },
  { name: 'Monthly', perMonth: 1, aliases: [] },
  { name: 'Quarterly', perMonth: 1 / 3, aliases: ['threemonthly'] },
  {
    name: 'Six Monthly',
    perMonth: 1 / 6,
    aliases: ['halfyearly', 'semiannually', 'semiannual', 'everysixmonths'],
  },
  { name: 'Yearly', perMonth: 1 / 12, aliases: ['annually', 'annual'] },
  { name: 'Two Yearly', perMonth: 1 / 24, aliases: ['biennial', 'biennially', 'everytwoyears'] },
  { name: 'Three Yearly', perMonth: 1 / 36, aliases: ['triennial', 'triennially', 'everythreeyears'] },
] as const satisfies readonly BillingPeriod[];

/** The canonical period names, shortest period first. */
export type BillingPeriodName = (typeof BILLING_PERIODS)[number]['name'];
export const BILLING_PERIOD_NAMES: BillingPeriodName[] = BILLING_PERIODS.map((period) => period.name);

// "Bi-annually" / "bi-weekly" are left out on purpose: both are used for "twice per" and for
// "every two", so reading them would be a guess.
const BY_KEY = new Map<string, BillingPeriod>(
  BILLING_PERIODS.flatMap((period) => [period.name, ...period.aliases].map((s) => [keyOf(s), period])),
);

function keyOf(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The period a text names, or null when the text is absent or not understood with certainty. */
export function parseBillingPeriod(text: string | null | undefined): BillingPeriod | null {
  if (typeof text !== 'string') return null;
  return BY_KEY.get(keyOf(text)) ?? null;
}

/** `every` as a divisor: a schedule that runs every N periods; anything but an integer > 1 is 1. */
export function everyDivisor(every: number | null | undefined): number {
  return typeof every === 'number' && Number.isInteger(every) && every > 1 ? every : 1;
}

/** The monthly value of an amount billed once per `period` x `every`, unrounded. */
export function monthlyValue(amount: number, period: BillingPeriod, every = 1): number {
  return (amount * period.perMonth) / everyDivisor(every);
}

export type PeriodReading =
  | { period: BillingPeriod; label: string }
  /** `label` is Halo's text when there was one; `reason` completes a warning sentence. */
  | { period: null; label: string | null; reason: string };

/**
 * Read a period from Halo's text, falling back to nothing: the numeric code is only quoted in the
 * reason so a reader can look it up.
 */
export function readPeriod(text: string | null | undefined, code: number | null | undefined): PeriodReading {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const period = parseBillingPeriod(trimmed);
  if (period) return { period, label: period.name };
  if (trimmed) return { period: null, label: trimmed, reason: `its period "${trimmed}" is not understood` };
  if (typeof code === 'number') {
    return {
      period: null,
      label: null,
      reason: `it has no period name, only the numeric period ${code}, whose meaning in Halo is unverified`,
    };
  }
  return { period: null, label: null, reason: 'it has no period' };
}
