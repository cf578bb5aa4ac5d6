import type { HaloConfig } from '../../src/config.js';
import { runDoctor } from '../../src/doctor/runner.js';
import type { CheckResult, DoctorReport } from '../../src/doctor/types.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/types.js';
import { testHaloConfig } from '../helpers/halo.js';

export const DOCTOR_SECRET = 'doctor-secret-5f2a9c41e7';

export async function startDoctorHalo(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({
    dataset: generateDataset({ size: 'tiny' }),
    clientId: 'doctor-client',
    clientSecret: DOCTOR_SECRET,
    rateLimit: false,
    ...options,
  });
}

/** The doctor against `sim` with the test client settings plus `overrides`. */
export function doctorOn(sim: RunningSimulator, overrides: Partial<HaloConfig> = {}): Promise<DoctorReport> {
  return runDoctor(testHaloConfig(sim, overrides));
}

/** `id -> status` of every check, for exact assertions. */
export const statuses = (report: DoctorReport): Record<string, string> =>
  Object.fromEntries(report.checks.map((check) => [check.id, check.status]));

export function check(report: DoctorReport, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

/**
 * Strings from the dataset that must never appear in a report: names of clients, sites, contacts,
 * agents, ticket summaries, invoice numbers, and amounts written as Halo does. Integer amounts
 * under 1000 are left out: they are indistinguishable from the counts a report is made of.
 */
export function customerData(data: Dataset): string[] {
  const amounts = [...data.invoices, ...data.recurringInvoices, ...data.contracts].flatMap((record) =>
    [
      (record as { total?: number }).total,
      (record as { periodchargeamount?: number }).periodchargeamount,
      ...((record as { lines?: Array<{ net_amount?: number; unit_price?: number }> }).lines ?? []).flatMap(
        (line) => [line.net_amount, line.unit_price],
      ),
    ].filter((n): n is number => typeof n === 'number' && (Math.abs(n) >= 1000 || !Number.isInteger(n))),
  );
  return [
    ...data.clients.map((c) => c.name),
    ...data.sites.map((s) => s.name),
    ...data.users.map((u) => u.name),
    ...data.agents.map((a) => a.name),
    ...data.tickets.slice(0, 200).map((t) => t.summary),
    ...data.invoices.map((i) => i.invoicenumber),
    ...amounts.map(String),
  ].filter((text): text is string => typeof text === 'string' && text.length >= 4);
}
