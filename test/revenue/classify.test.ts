import { describe, expect, it } from 'vitest';
import type { HaloInvoice, HaloInvoiceLine } from '../../src/halo/types.js';
import { classifyLine } from '../../src/revenue/classify.js';

const header = (fields: Partial<HaloInvoice> = {}): HaloInvoice => ({ id: 1, ...fields });
const line = (fields: Partial<HaloInvoiceLine> = {}): HaloInvoiceLine => ({ id: 1, ...fields });

describe('invoice line classification', () => {
  it('puts template first, then ticket, contract, item, other', () => {
    const all = { recurring_invoice_id: 3, ticket_id: 4, contract_id: 5, _itemid: 6 };
    expect(classifyLine(line(all), header())).toBe('template');
    expect(classifyLine(line({ ...all, recurring_invoice_id: null }), header())).toBe('ticket');
    expect(classifyLine(line({ contract_id: 5, _itemid: 6 }), header())).toBe('contract');
    expect(classifyLine(line({ _itemid: 6 }), header())).toBe('item');
    expect(classifyLine(line(), header())).toBe('other');
  });

  it("falls back to the header's references when the line has none", () => {
    expect(classifyLine(line({ recurring_invoice_id: 0 }), header({ recurring_invoice_id: 9 }))).toBe(
      'template',
    );
    expect(classifyLine(line({ _itemid: 6 }), header({ ticket_id: 9 }))).toBe('ticket');
    expect(classifyLine(line({ _itemid: 6 }), header({ contract_id: 9 }))).toBe('contract');
  });

  it("lets a header's earlier rule beat a line's later one", () => {
    // header ticket beats the line's contract: ticket is rule 2, contract rule 3
    expect(classifyLine(line({ contract_id: 5 }), header({ ticket_id: 9 }))).toBe('ticket');
  });

  it('ignores zero, negative and null ids', () => {
    expect(classifyLine(line({ recurring_invoice_id: -1, ticket_id: 0, contract_id: null }), header())).toBe(
      'other',
    );
  });

  it('classifies an invoice without lines by its header alone', () => {
    expect(classifyLine(null, header({ recurring_invoice_id: 2, ticket_id: 3 }))).toBe('template');
    expect(classifyLine(null, header({ ticket_id: 3, contract_id: 4 }))).toBe('ticket');
    expect(classifyLine(null, header({ contract_id: 4 }))).toBe('contract');
    expect(classifyLine(null, header())).toBe('other');
  });
});
