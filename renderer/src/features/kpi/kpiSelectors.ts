// What the dashboard shows for the chosen marketplace: the scope ('*' for all), its values and the
// values before them, and the chart series of that scope (one per marketplace when all are shown).
import { createSelector } from '@reduxjs/toolkit';
import { MARKETPLACES, type MetricKey } from '../../../../protocol';
import type { RootState } from '../../app/store';
import type { Point, Series } from './kpiSlice';

/** The scope of the overall figures. */
export const OVERALL = '*';

type Values = Partial<Record<MetricKey, number>>;
const NO_VALUES: Values = Object.freeze({});

export type SeriesMetric = keyof Series;

/** One line of a chart: a scope ('*' or a marketplace) and its points. */
export interface ScopedSeries {
  scope: string;
  points: Point[];
}

export const selectScope = (s: RootState): string => (s.ui.marketplace === 'all' ? OVERALL : s.ui.marketplace);

export const selectScopeValues = (s: RootState): Values => s.kpi.values[selectScope(s)] ?? NO_VALUES;

export const selectScopePrevious = (s: RootState): Values => s.kpi.previous[selectScope(s)] ?? NO_VALUES;

export const selectScopeUpdatedAt = (s: RootState): number | undefined => s.kpi.updatedAt[selectScope(s)];

/** The overall latest value of a series (what the chart's `data-last` reports), whatever the filter. */
export const selectOverallLast = (s: RootState, metric: SeriesMetric): number | undefined =>
  s.kpi.series[OVERALL]?.[metric].at(-1)?.y;

const sameLines = (a: readonly ScopedSeries[], b: readonly ScopedSeries[]) =>
  a.length === b.length && a.every((l, i) => l.scope === b[i]?.scope && l.points === b[i]?.points);

function linesSelector(metric: SeriesMetric) {
  return createSelector(
    [(s: RootState) => s.kpi.series, (s: RootState) => s.ui.marketplace],
    (series, marketplace): ScopedSeries[] => {
      const scopes = marketplace === 'all' ? [OVERALL, ...MARKETPLACES] : [marketplace];
      return scopes.flatMap((scope) => {
        const points = series[scope]?.[metric];
        return points && points.length > 0 ? [{ scope, points }] : [];
      });
    },
    { memoizeOptions: { resultEqualityCheck: sameLines } },
  );
}

// One selector per metric: the equality check compares with the last result, which must be of
// the same chart.
const LINES: Record<SeriesMetric, ReturnType<typeof linesSelector>> = {
  ordersPerMinute: linesSelector('ordersPerMinute'),
  revenueToday: linesSelector('revenueToday'),
};

/**
 * The lines of a chart: with all marketplaces, the total first and then each marketplace that has
 * points; with one, that marketplace alone. The same array comes back while none of its lines
 * changed, so a chart does not redraw for another marketplace's update.
 */
export const selectChartLines = (s: RootState, metric: SeriesMetric): ScopedSeries[] => LINES[metric](s);
