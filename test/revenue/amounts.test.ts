import { describe, expect, it } from 'vitest';
import { headerNet, lineNet, round2 } from '../../src/revenue/amounts.js';

describe('revenue amounts', () => {
  it("prefers a line's net_amount, then net_total, then qty x unit price (baseprice when unit_price is 0)", () => {
    expect(lineNet({ id: 1, net_total: 90, qty_order: 2, unit_price: 50, net_amount: 70 })).toBe(70);
    expect(lineNet({ id: 1, net_total: 90, qty_order: 2, unit_price: 50 })).toBe(90);
    expect(lineNet({ id: 1, qty_order: 2, unit_price: 50 })).toBe(100);
    expect(lineNet({ id: 1, qty_order: 2, unit_price: 0, baseprice: 40 })).toBe(80);
    expect(lineNet({ id: 1, qty_order: 2, baseprice: 40 })).toBe(80);
    expect(lineNet({ id: 1, qty_order: 2, unit_price: 0 })).toBe(0);
    expect(lineNet({ id: 1, unit_price: 50 })).toBeNull();
    expect(lineNet({ id: 1, qty_order: -1, unit_price: 150 })).toBe(-150);
  });

  it('takes an invoice header net as total minus tax', () => {
    expect(headerNet({ id: 1, total: 120, tax_total: 20 })).toBe(100);
    expect(headerNet({ id: 1, total: 120 })).toBe(120);
    expect(headerNet({ id: 1, tax_total: 20 })).toBeNull();
  });

  it('rounds half away from zero to cents', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(43.333333)).toBe(43.33);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(-0.001)).toBe(0);
    expect(Object.is(round2(-0.001), -0)).toBe(false);
  });
});
