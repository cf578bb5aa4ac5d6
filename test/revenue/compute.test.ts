import { describe, expect, it } from 'vitest';
import { computeClientRevenue } from '../../src/revenue/compute.js';
import { CLIENT_IDS, expectedAcme, expectedBeta, expectedDelta, inputFor, PERIOD, TODAY } from './fixture.js';

describe('client revenue breakdown', () => {
  const acme = computeClientRevenue(inputFor(CLIENT_IDS.ACME));

  it('reports the client, the period and the day activity was judged on', () => {
    expect(acme.client).toEqual({ id: 1, name: 'Acme Ltd' });
    expect(acme.period).toEqual(PERIOD);
    expect(acme.today).toBe(TODAY);
    expect(acme.currency).toBe('GBP');
  });

  it('builds the run-rate from active templates and unlinked contracts', () => {
    expect(acme.contracted).toEqual(expectedAcme.contracted);
  });

  it('classifies the period invoices line by line', () => {
    expect(acme.invoiced).toEqual(expectedAcme.invoiced);
    expect(acme.by_currency).toEqual([expectedAcme.invoiced]);
    expect(acme.excluded_invoices).toEqual(expectedAcme.excluded_invoices);
  });

  it('names every guess in a warning sentence', () => {
    expect(acme.warnings).toEqual([
      'Invoice 304 ("INV-304") was read without lines; classified whole by the invoice header, net = total minus tax.',
      'Invoice 305 ("CN-305") is linked to a credited invoice (creditlinkedtoinvoiceid) with positive amounts; read as a credit note, the amounts are counted as negative.',
      'Invoice 305 ("CN-305") has invoicetype 1; Halo publishes no meaning for the code, so it changes nothing: amounts count as written (credit notes are recognised by a negative total or creditlinkedtoinvoiceid).',
      'Invoice 303 ("INV-303") has invoicetype 4; Halo publishes no meaning for the code, so it changes nothing: amounts count as written (credit notes are recognised by a negative total or creditlinkedtoinvoiceid).',
      'Invoice 311 ("INV-311") is a down payment; counted as billed, so a later final invoice may bill the same work again.',
      'Invoice 312 ("INV-312") has no invoice_date; left out of the period.',
      'Template -103 ("Patching") line 1031 has a 10% discount but no net_amount; its amount is qty x unit price before discount.',
      'Template -104 ("Firewall") line 9005: qty x unit price is 110 but its net_amount is 100; the net_amount (Halo\'s line net, discounts and pro-rata included) is counted.',
      'Template -110 ("Pen test") cannot be normalised to a month because its period "Bi-Annually" is not understood; it is listed with monthly_value null and left out of mrr.',
      'Template -111 ("Mystery") cannot be normalised to a month because it has no period name, only the numeric period 2, whose meaning in Halo is unverified; it is listed with monthly_value null and left out of mrr.',
      'Template -114 ("Email hosting") was read without lines; its amount per occurrence is the header\'s total minus tax.',
      'Template -117 ("Retainer") cannot be normalised to a month with certainty because its dates 2026-04-01 to 2026-07-01 (91 days) do not fit its schedule "Monthly" (about 30 days); it is listed with monthly_value null and left out of mrr.',
      'Contract 204 ("PHONES") charges 250 per period but cannot be normalised to a month because it has no period name, only the numeric period 4, whose meaning in Halo is unverified; it is left out of mrr.',
      'Contract 205 ("ADVISORY") has no periodchargeamount but a costperperiod of 150; that field\'s meaning differs between Halo tenants, so the contract adds nothing to mrr.',
      'Contract 207 ("LEGACY-VOIP") is marked inactive in Halo but its dates cover today; it is counted as active (start <= today <= end).',
      'Contract 208 ("VOIP") is billed through template -112, not active today; the contract adds nothing to mrr.',
      '4 recurring items have an unknown monthly value and are left out of mrr: Template -110 ("Pen test"), Template -111 ("Mystery"), Template -117 ("Retainer") and Contract 204 ("PHONES").',
    ]);
  });

  it('reads the calendar day of an invoice date in the tenant time zone (HALO_TIMEZONE)', () => {
    // INV-310 is dated 2026-06-15T23:30Z: in London (BST, UTC+1) that is 2026-06-16, after the
    // period. In New York (EDT, UTC-4) INV-311, 2025-06-16T00:00Z, is 2025-06-15, before the
    // period, while INV-309, 2026-06-16T00:00Z, is 2026-06-15, inside it (template 400).
    const london = computeClientRevenue({ ...inputFor(CLIENT_IDS.ACME), timeZone: 'Europe/London' });
    expect(london.excluded_invoices).toEqual({ voided: 1, outside_period: 3, undated: 1 });
    expect(london.invoiced?.recurring_split).toEqual({ template: 500, contract: 650 });
    const newYork = computeClientRevenue({ ...inputFor(CLIENT_IDS.ACME), timeZone: 'America/New_York' });
    expect(newYork.excluded_invoices).toEqual({ voided: 1, outside_period: 2, undated: 1 });
    expect(newYork.invoiced?.non_recurring_split).toEqual({ ticket: 860, item: 150, other: 35 });
    expect(newYork.invoiced?.recurring_split).toEqual({ template: 1300, contract: 650 });
  });

  it('reports mixed currencies per currency and leaves the single figures null', () => {
    const beta = computeClientRevenue(inputFor(CLIENT_IDS.BETA));
    expect(beta.currency).toBe(expectedBeta.currency);
    expect(beta.contracted).toMatchObject(expectedBeta.contracted);
    expect(beta.contracted.contracts).toEqual([
      {
        id: 209,
        ref: 'BETA-MSA',
        periodchargeamount: 200,
        billing_period: 'Monthly',
        monthly_value: 200,
        counted_as: 'period_charge',
        template_ids: [],
      },
    ]);
    expect(beta.invoiced).toBeNull();
    expect(beta.by_currency).toEqual(expectedBeta.by_currency);
    expect(beta.warnings).toEqual([
      'Invoices in the period use more than one currency (EUR and GBP); totals are given per currency in by_currency and invoiced is null.',
    ]);
  });

  it('gives a zero invoiced section in the templates currency when nothing was invoiced', () => {
    const delta = computeClientRevenue(inputFor(CLIENT_IDS.DELTA));
    expect(delta.currency).toBe(expectedDelta.currency);
    expect(delta.contracted).toMatchObject(expectedDelta.contracted);
    expect(delta.by_currency).toEqual(expectedDelta.by_currency);
    expect(delta.invoiced).toEqual(expectedDelta.by_currency[0]);
    expect(delta.warnings).toEqual([]);
  });

  it('gives zeros and no currency to a client with nothing active', () => {
    const gamma = computeClientRevenue(inputFor(CLIENT_IDS.GAMMA));
    expect(gamma.currency).toBeNull();
    expect(gamma.contracted).toEqual({
      currency: null,
      mrr: 0,
      arr: 0,
      templates: [],
      contracts: [],
      unknown_count: 0,
    });
    expect(gamma.invoiced?.total).toBe(0);
    expect(gamma.invoiced?.recurring_share).toBeNull();
  });

  it('produces plain JSON: no undefined anywhere', () => {
    const json = JSON.parse(JSON.stringify(acme));
    expect(json).toEqual(acme);
    const hasUndefined = (value: unknown): boolean =>
      value === undefined ||
      (typeof value === 'object' && value !== null && Object.values(value).some(hasUndefined));
    expect(hasUndefined(acme)).toBe(false);
  });

  it('treats negative credit notes as they stand and keeps the total signed', () => {
    const result = computeClientRevenue({
      ...inputFor(CLIENT_IDS.GAMMA),
      invoices: [
        {
          id: 1,
          invoicenumber: 'CN-1',
          invoice_date: '2026-01-01T00:00:00Z',
          total: -120,
          tax_total: -20,
          lines: [{ id: 1, ticket_id: 4, net_total: -100 }],
        },
      ],
    });
    expect(result.invoiced).toMatchObject({
      non_recurring_split: { ticket: -100, item: 0, other: 0 },
      total: -100,
      tax: -20,
      recurring_share: 0,
      credit_note_count: 1,
      largest: { recurring: [], non_recurring: [] },
    });
    expect(result.warnings).toEqual([
      'Net invoiced total is negative (credit notes exceed invoices); recurring_share is not meaningful.',
    ]);
  });

  it('refuses malformed days', () => {
    expect(() => computeClientRevenue({ ...inputFor(CLIENT_IDS.ACME), from: '2026-02-30' })).toThrow(
      'from must be a calendar date written YYYY-MM-DD (got "2026-02-30").',
    );
    expect(() =>
      computeClientRevenue({ ...inputFor(CLIENT_IDS.ACME), from: '2026-07-01', to: '2026-06-01' }),
    ).toThrow(RangeError);
  });
});
