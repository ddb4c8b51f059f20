// One KPI: its name, the figure morphing to each new value, a pulse when it changes, and the
// trend against the value before (arrow and signed change on screen; words for screen readers).
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, moodOf, type KpiTileDef } from './kpiCatalog';
import { formatKpi, formatKpiDelta, type UnitWords } from './kpiFormat';
import { KEY_PREFIX } from './i18n';
import { useNumberTween } from './useNumberTween';

export interface KpiTileProps {
  def: KpiTileDef;
  value: number | undefined;
  previous: number | undefined;
  /** False when the user prefers reduced motion: figures change at once, no pulse. */
  animate: boolean;
}

export const KpiTile = memo(function KpiTile({ def, value, previous, animate }: KpiTileProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: KEY_PREFIX });
  const lang = i18n.language;
  const words = useMemo<UnitWords>(
    () => ({ hour: t('unit.hour'), minute: t('unit.minute'), second: t('unit.second'), points: t('unit.points') }),
    [t],
  );
  const format = useCallback((n: number) => formatKpi(def.kind, n, lang, words), [def.kind, lang, words]);
  const figureRef = useNumberTween<HTMLSpanElement>(value, format, animate);
  const tileRef = useRef<HTMLDivElement>(null);
  const seen = useRef(value);

  // The pulse restarts its CSS animation by switching between two identical ones (data-pulse a/b).
  useLayoutEffect(() => {
    const before = seen.current;
    seen.current = value;
    const el = tileRef.current;
    if (!el || !animate || value === undefined || before === undefined || before === value) return;
    el.dataset.pulse = el.dataset.pulse === 'a' ? 'b' : 'a';
  }, [value, animate]);

  const direction = directionOf(value, previous);
  const tone = value === undefined ? undefined : def.tone?.(value);
  const labelId = `kpi-${def.key}-label`;

  return (
    <div
      ref={tileRef}
      className="kpi-card"
      data-testid={`kpi-${def.key}`}
      data-value={value ?? ''}
      data-direction={direction}
      data-tone={tone}
    >
      <dt className="kpi-card-label" id={labelId}>
        <span className="kpi-name">{t(`label.${def.key}`)}</span>
        {tone && (
          <span className="kpi-badge" data-tone={tone}>
            {t(`tone.${tone}`)}
          </span>
        )}
      </dt>
      <dd className="kpi-card-value">
        <span ref={figureRef} className="kpi-figure" aria-hidden="true" />
        <span className="sr-only">{value === undefined ? t('noData') : format(value)}</span>
      </dd>
      <dd
        className="kpi-card-trend"
        data-mood={direction ? moodOf(direction, def.better) : undefined}
        // Kept while empty so the tile does not jump when the first trend comes.
        aria-hidden={direction ? undefined : true}
      >
        {direction && value !== undefined && previous !== undefined && (
          <>
            <svg className="kpi-arrow" data-direction={direction} viewBox="0 0 10 10" aria-hidden="true">
              <path d="M5 1.5 9 8.5H1z" />
            </svg>
            <span className="kpi-delta" aria-hidden="true">
              {formatKpiDelta(def.kind, value - previous, lang, words)}
            </span>
            <span className="sr-only">{t(`trend.${direction}`, { previous: format(previous) })}</span>
          </>
        )}
      </dd>
    </div>
  );
});
