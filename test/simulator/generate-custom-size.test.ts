import { describe, expect, it } from 'vitest';
import { DATASET_SIZES, generateDataset, resolveSize } from '../../src/simulator/generate/index.js';

describe('custom dataset sizes', () => {
  it('takes the numbers given and the rest from the base preset', () => {
    const size = resolveSize({ base: 'tiny', customers: 7, tickets: 80 });
    expect(size).toMatchObject({ customers: 7, tickets: 80, agents: DATASET_SIZES.tiny.agents });
    expect(size.billing).toEqual(DATASET_SIZES.tiny.billing);
  });

  it('keeps the preset share of backlog when only tickets change', () => {
    expect(resolveSize({ tickets: 10_000 }).backlog).toBe(60);
    expect(resolveSize({ tickets: 10_000, backlog: 5 }).backlog).toBe(5);
  });

  it('refuses counts that are not whole, and a backlog above the tickets', () => {
    expect(() => resolveSize({ customers: 2.5 })).toThrow(/customers/);
    expect(() => resolveSize({ tickets: 10, backlog: 11 })).toThrow(/backlog/);
    expect(() => resolveSize({ base: 'huge' as 'large' })).toThrow(/unknown dataset size/);
  });

  it('generates the sizes asked for, deterministically', () => {
    const options = {
      size: { base: 'tiny', customers: 8, tickets: 120, projects: 1 } as const,
      today: '2026-06-30',
    };
    const data = generateDataset(options);
    expect(data.clients).toHaveLength(9);
    expect(data.tickets.filter((t) => !t.is_project && t.parent_id === -1)).toHaveLength(120);
    expect(data.tickets.filter((t) => t.is_project)).toHaveLength(1);
    expect(generateDataset(options)).toEqual(data);
  });

  it('leaves the presets as they were', () => {
    expect(resolveSize('demo')).toBe(DATASET_SIZES.demo);
  });
});
