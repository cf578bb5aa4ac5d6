import { BarChart, LineChart } from 'chartist';
import { el, uid } from './dom.js';

// Charts are pictures of a data table that is always rendered beside them: each chart is one
// `role="img"` with a summary label and `aria-describedby` pointing at its table.

/** Age buckets, from not yet due to over 90 days, in an ordered colour-blind-safe sequence. */
export type AgeSlot = 'age-0' | 'age-1' | 'age-2' | 'age-3' | 'age-4';

export interface Series {
  name: string;
  /** Palette slot: the colour-blind-safe colours in styles.css (Okabe and Ito). */
  slot: 'recurring' | 'non-recurring' | 'line' | 'neutral' | AgeSlot;
  values: number[];
}

export interface ChartSpec {
  label: string;
  describedBy: string;
  categories: string[];
  series: Series[];
  /** Value axis text. */
  format?: (value: number) => string;
}

function frame(spec: ChartSpec, kind: string): { figure: HTMLElement; surface: HTMLElement } {
  const surface = el('div', { class: `chart chart-${kind}` });
  const legend = el(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    ...spec.series.map((s) => el('li', {}, el('span', { class: `swatch swatch-${s.slot}` }), s.name)),
  );
  const figure = el(
    'figure',
    { role: 'img', 'aria-label': spec.label, 'aria-describedby': spec.describedBy, id: uid('chart') },
    surface,
    legend,
  );
  return { figure, surface };
}

function seriesData(spec: ChartSpec) {
  return spec.series.map((s) => ({ name: s.name, className: `ct-series slot-${s.slot}`, data: s.values }));
}

/** Vertical bars, one stack per category (e.g. recurring on non-recurring per month). */
export function stackedBars(spec: ChartSpec): HTMLElement {
  const { figure, surface } = frame(spec, 'bars');
  new BarChart(
    surface,
    { labels: spec.categories, series: seriesData(spec) },
    {
      stackBars: true,
      height: 220,
      chartPadding: { top: 12, right: 8, bottom: 0, left: 8 },
      axisY: { labelInterpolationFnc: (v: number) => (spec.format ? spec.format(v) : String(v)), offset: 48 },
    },
  );
  return figure;
}

/**
 * Horizontal bars, one stack per category, the first category on top. (Chartist draws the first
 * category at the bottom; its reverseData would also reverse the stacking order, so the rows are
 * reversed here instead.)
 */
export function stackedRows(spec: ChartSpec): HTMLElement {
  const { figure, surface } = frame(spec, 'rows');
  const reversed = { ...spec, series: spec.series.map((s) => ({ ...s, values: [...s.values].reverse() })) };
  new BarChart(
    surface,
    { labels: [...spec.categories].reverse(), series: seriesData(reversed) },
    {
      stackBars: true,
      horizontalBars: true,
      height: Math.max(120, spec.categories.length * 22 + 40),
      chartPadding: { top: 8, right: 24, bottom: 0, left: 8 },
      axisX: {
        labelInterpolationFnc: (v: number) => (spec.format ? spec.format(v) : String(v)),
        scaleMinSpace: 80,
      },
      axisY: { offset: 40 },
    },
  );
  return figure;
}

/** A line over the categories (e.g. the cumulative share of revenue by rank). */
export function line(spec: ChartSpec, bounds: { low: number; high: number }): HTMLElement {
  const { figure, surface } = frame(spec, 'line');
  new LineChart(
    surface,
    { labels: spec.categories, series: seriesData(spec) },
    {
      height: 180,
      low: bounds.low,
      high: bounds.high,
      showArea: false,
      chartPadding: { top: 12, right: 16, bottom: 0, left: 8 },
      axisY: { labelInterpolationFnc: (v: number) => (spec.format ? spec.format(v) : String(v)), offset: 48 },
    },
  );
  return figure;
}
