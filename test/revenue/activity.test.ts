import { describe, expect, it } from 'vitest';
import { isContractActive, isTemplateActive } from '../../src/revenue/activity.js';

const TODAY = '2026-06-15';

describe('what is active today', () => {
  it('keeps templates with no end, or an end today or later', () => {
    expect(isTemplateActive({ id: 1, enddate: null }, TODAY)).toBe(true);
    expect(isTemplateActive({ id: 1 }, TODAY)).toBe(true);
    expect(isTemplateActive({ id: 1, enddate: '2026-06-15T00:00:00Z' }, TODAY)).toBe(true);
    expect(isTemplateActive({ id: 1, enddate: '2026-06-14T23:59:59Z' }, TODAY)).toBe(false);
    expect(isTemplateActive({ id: 1, schedule: { end_date: '2026-01-01T00:00:00Z' } }, TODAY)).toBe(false);
  });

  it('drops disabled, voided and schedule-disabled templates', () => {
    expect(isTemplateActive({ id: 1, disabled: true }, TODAY)).toBe(false);
    expect(isTemplateActive({ id: 1, voided: true }, TODAY)).toBe(false);
    expect(isTemplateActive({ id: 1, schedule: { disabled: true } }, TODAY)).toBe(false);
    expect(isTemplateActive({ id: 1, disabled: false, schedule: { disabled: false } }, TODAY)).toBe(true);
  });

  it('counts a contract active when Halo says so or its dates cover today', () => {
    expect(isContractActive({ id: 1, active: true, end_date: '2020-01-01T00:00:00Z' }, TODAY)).toBe(true);
    expect(isContractActive({ id: 1 }, TODAY)).toBe(true);
    expect(
      isContractActive(
        { id: 1, start_date: '2026-06-15T00:00:00Z', end_date: '2026-06-15T00:00:00Z' },
        TODAY,
      ),
    ).toBe(true);
    expect(isContractActive({ id: 1, start_date: '2026-06-16T00:00:00Z' }, TODAY)).toBe(false);
    expect(isContractActive({ id: 1, active: false, end_date: '2026-06-14T00:00:00Z' }, TODAY)).toBe(false);
  });

  it('reads end and start dates as calendar days in the tenant time zone (HALO_TIMEZONE)', () => {
    // A London local midnight of 15 June stored as UTC reads as 14 June in UTC.
    const template = { id: -1, enddate: '2026-06-14T23:00:00Z' };
    expect(isTemplateActive(template, TODAY)).toBe(false);
    expect(isTemplateActive(template, TODAY, 'Europe/London')).toBe(true);
    const contract = { id: 1, active: false, start_date: '2026-06-15T23:00:00Z' };
    expect(isContractActive(contract, TODAY)).toBe(true);
    expect(isContractActive(contract, TODAY, 'Europe/London')).toBe(false);
  });
});
