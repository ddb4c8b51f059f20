// Colours of the live charts in each theme: one fixed colour per marketplace (the same on every
// chart and in the legends), the total in the text colour, and the grid and ticks. The theme is
// the chosen one, or the system's when the setting follows the system.
import type { Marketplace } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { OVERALL } from './kpiSelectors';
import { useMediaQuery } from './useMediaQuery';

export type ChartTheme = 'light' | 'dark';

export interface ChartColours {
  series: Record<Marketplace | typeof OVERALL, string>;
  grid: string;
  ticks: string;
  tooltipBackground: string;
  tooltipText: string;
}

// Okabe–Ito based (kind to colour-blind eyes), darker on light panels and lighter on dark ones so
// each line keeps at least 3:1 against its background.
export const CHART_COLOURS: Record<ChartTheme, ChartColours> = {
  light: {
    series: {
      [OVERALL]: '#1c2330',
      trendyol: '#c45500',
      hepsiburada: '#0072b2',
      n11: '#b0468c',
      amazon_tr: '#9a6b00',
      ciceksepeti: '#007a5a',
      pazarama: '#0a7f93',
      webshop: '#5b4fd6',
    },
    grid: 'rgba(28, 35, 48, 0.08)',
    ticks: '#5b6576',
    tooltipBackground: '#1c2330',
    tooltipText: '#ffffff',
  },
  dark: {
    series: {
      [OVERALL]: '#e6e9ee',
      trendyol: '#ff9a52',
      hepsiburada: '#56b4e9',
      n11: '#e58fc4',
      amazon_tr: '#f0c04a',
      ciceksepeti: '#3cc79f',
      pazarama: '#5fd3e3',
      webshop: '#a99cff',
    },
    grid: 'rgba(230, 233, 238, 0.09)',
    ticks: '#9aa4b2',
    tooltipBackground: '#e6e9ee',
    tooltipText: '#12161d',
  },
};

export function useChartTheme(): ChartTheme {
  const setting = useAppSelector((s) => s.settings.theme);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  if (setting === 'system') return systemDark ? 'dark' : 'light';
  return setting;
}

export const seriesColour = (theme: ChartTheme, scope: string): string =>
  CHART_COLOURS[theme].series[scope as Marketplace] ?? CHART_COLOURS[theme].ticks;
