import type { HaloReader } from '../halo/resources.js';
import { contractsStep, invoicesStep, templatesStep } from './steps.js';
import type { CheckResult } from './types.js';

/** Envelope checks whose DIFFERS also touches revenue figures (the lists revenue_breakdown reads). */
const REVENUE_ENVELOPES = new Set([
  'envelope.RecurringInvoice',
  'envelope.Invoice',
  'envelope.ClientContract',
]);

/** The ids `step()` gives a step that could not run at all (Halo unreachable, say): not worth remembering. */
const STEP_IDS = new Set(['templates', 'invoices', 'contracts']);

const touchesRevenue = (check: CheckResult): boolean =>
  check.status === 'DIFFERS' && (check.revenue === true || REVENUE_ENVELOPES.has(check.id));

export const revenueWarning = (check: CheckResult): string =>
  `WARNING: this Halo differs from what the revenue figures assume (${check.title}; seen: ${check.observed}). ${check.meaning ?? ''} Run halo-psa-mcp doctor for the full report.`.replace(
    /\s+Run/,
    ' Run',
  );

/**
 * The cheap part of `doctor`, run by the server itself on the first revenue call (6 GETs: template
 * list and one detail, an invoice sample and one count, contract list and one detail), once per
 * process. Each DIFFERS that touches revenue becomes a loud warning in every revenue answer. A run
 * that could not read something (not a permission refusal: Halo unreachable, say) is not
 * remembered: the next revenue call tries again.
 */
export function createRevenueGuard(): (halo: HaloReader) => Promise<string[]> {
  let result: Promise<string[]> | undefined;
  return (halo) => {
    result ??= (async () => {
      const read = (path: string, query?: Parameters<HaloReader['get']>[1]) => halo.get(path, query);
      const checks = (
        await Promise.all([templatesStep(read), invoicesStep(read, false), contractsStep(read)])
      ).flat();
      if (checks.some((check) => STEP_IDS.has(check.id) && check.status === 'UNKNOWN')) result = undefined;
      return checks.filter(touchesRevenue).map(revenueWarning);
    })().catch((error: unknown) => {
      result = undefined;
      throw error;
    });
    return result;
  };
}
