import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/doctor/report-json.js';
import { renderText } from '../../src/doctor/report-text.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { check, customerData, DOCTOR_SECRET, doctorOn, startDoctorHalo, statuses } from './harness.js';

/** The checks every run past the connection makes, with the status real Halo shapes give. */
const REAL_HALO: Record<string, string> = {
  'connection.instance': 'OK',
  'connection.auth-url': 'OK',
  'connection.tenant': 'OK',
  'connection.credentials': 'OK',
  'envelope.Client': 'OK',
  'envelope.Tickets': 'OK',
  'tickets.sort.dateoccurred': 'OK',
  'tickets.sort.lastactiondate': 'OK',
  'tickets.batch': 'OK',
  'tickets.includeprojects': 'OK',
  'envelope.Actions': 'OK',
  'actions.count': 'OK',
  'envelope.RecurringInvoice': 'OK',
  'templates.id-sign': 'OK',
  'templates.periodname': 'OK',
  'templates.schedule': 'OK',
  'templates.line-keys': 'OK',
  'envelope.Invoice': 'OK',
  'invoices.include-flags': 'OK',
  'invoices.invoicetype': 'OK',
  'invoices.generated-lines': 'OK',
  'envelope.ClientContract': 'OK',
  'contracts.charge': 'OK',
  'envelope.Projects': 'OK',
  'envelope.Site': 'OK',
  'envelope.Users': 'OK',
  'envelope.Asset': 'OK',
  'envelope.Report': 'OK',
  'envelope.Agent': 'OK',
  'envelope.Team': 'OK',
  'envelope.Status': 'OK',
  'envelope.TicketType': 'OK',
  'envelope.Priority': 'OK',
  'access.scopes': 'OK',
  'access.rate-limit-headers': 'UNKNOWN',
};

describe('doctor against the default simulator (real Halo shapes)', () => {
  let sim: RunningSimulator;
  let report: DoctorReport;
  beforeAll(async () => {
    sim = await startDoctorHalo();
    report = await doctorOn(sim);
  });
  afterAll(() => sim.stop());

  it('finds everything the tools rely on holding, and exits 0', () => {
    expect(statuses(report)).toEqual(REAL_HALO);
    expect(report.exitCode).toBe(0);
  });

  it('sends 25 GETs (24 under /api with a token, plus /api/authinfo), one token request, and nothing else', () => {
    expect(report.requests).toEqual({ get: 25, token: 1 });
    const methods = sim.log.entries.map((e) => `${e.method} ${e.path.startsWith('/auth') ? e.path : '/api'}`);
    expect(new Set(methods)).toEqual(new Set(['GET /api', 'POST /auth/token']));
    expect(sim.log.apiRequests()).toHaveLength(24);
    expect(sim.log.count('/api/authinfo')).toBe(1);
  });

  it('reads shapes, not records: observed values hold no customer data', () => {
    const json = renderJson(report, '0.0.0');
    for (const text of customerData(sim.data)) expect(json).not.toContain(text);
    expect(json).not.toContain(DOCTOR_SECRET);
    expect(json).not.toMatch(/Bearer|access_token/i);
  });
});

describe('doctor against a "different Halo" (--variant different-halo)', () => {
  let sim: RunningSimulator;
  let report: DoctorReport;
  beforeAll(async () => {
    sim = await startDoctorHalo({ variant: 'different-halo' });
    report = await doctorOn(sim);
  });
  afterAll(() => sim.stop());

  it('reports each difference as DIFFERS and exits 1', () => {
    expect(statuses(report)).toEqual({
      ...REAL_HALO,
      'templates.id-sign': 'DIFFERS',
      'templates.schedule': 'DIFFERS',
      'invoices.generated-lines': 'DIFFERS',
      'invoices.include-flags': 'DIFFERS',
      'envelope.ClientContract': 'DIFFERS',
    });
    expect(report.exitCode).toBe(1);
  });

  it('says what it saw: signs, keys and counts', () => {
    expect(check(report, 'templates.id-sign').observed).toMatch(/^\d+ templates: \d+ positive$/);
    expect(check(report, 'templates.schedule').observed).toMatch(
      /^schedule on 0 of \d+ list rows; on the detail: no$/,
    );
    expect(check(report, 'envelope.ClientContract').observed).toMatch(
      /^bare array \(\d+ rows\) where the "contracts" envelope was expected$/,
    );
    const flags = check(report, 'invoices.include-flags').observed;
    const counts =
      /invoices only (\d+), with credits (\d+), with credits and PO invoices (\d+), no flags sent (\d+)/.exec(
        flags,
      );
    expect(new Set(counts?.slice(1))).toHaveProperty('size', 1); // the same count whatever the flags
    expect(flags).toMatch(/credit notes in the invoices-only sample: [1-9]/);
  });

  it('explains each DIFFERS in the text report', () => {
    const text = renderText(report);
    expect(text).toContain('DIFFERS            Recurring invoice template ids are negative');
    expect(text).toMatch(/means: Without schedule the every-N multiplier/);
    expect(text).toMatch(/5 problem\(s\) the tools' answers depend on/);
  });

  it('keeps customer data out of --json', () => {
    const json = renderJson(report, '0.0.0');
    expect(JSON.parse(json)).toMatchObject({ tool: 'halo-psa-mcp doctor', exitCode: 1 });
    for (const text of customerData(sim.data)) expect(json).not.toContain(text);
    expect(json).not.toContain(DOCTOR_SECRET);
  });
});
