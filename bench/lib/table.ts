// Prints a result's figures as an aligned table, with each target and whether it was met.
import { formatValue, targetMet, type Figure } from './results';

export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.target ? `${f.target.op} ${formatValue(f.target.value, f.unit)}` : '',
    f.target ? (targetMet(f) ? 'met' : 'NOT MET') : '',
  ]);
  const head = ['figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
