// The KPI tiles of the chosen scope (all marketplaces, or one), in one dense grid.
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { KPI_TILES } from './kpiCatalog';
import { OVERALL, selectScope, selectScopePrevious, selectScopeValues } from './kpiSelectors';
import { KEY_PREFIX } from './i18n';
import { KpiTile } from './KpiTile';
import { usePrefersReducedMotion } from './useMediaQuery';
import './kpi.css';

export function KpiTiles() {
  const { t } = useTranslation(undefined, { keyPrefix: KEY_PREFIX });
  const liveScope = useAppSelector(selectScope);
  const liveValues = useAppSelector(selectScopeValues);
  const livePrevious = useAppSelector(selectScopePrevious);
  // Drawn in a later, interruptible render (the three together, so a scope never shows another's
  // figures): a batch's urgent work stays short.
  const live = useMemo(
    () => ({ scope: liveScope, values: liveValues, previous: livePrevious }),
    [liveScope, liveValues, livePrevious],
  );
  const { scope, values, previous } = useDeferredValue(live);
  const animate = !usePrefersReducedMotion();
  const missing = scope !== OVERALL && KPI_TILES.some((d) => values[d.key] === undefined);
  return (
    <section className="kpi" aria-labelledby="kpi-title">
      <h2 id="kpi-title" className="sr-only">
        {t('tilesLabel')}
      </h2>
      <dl className="kpi-grid">
        {KPI_TILES.map((def) => (
          <KpiTile
            // A new scope is another figure, not a change: it shows at once, without tween or pulse.
            key={`${scope}:${def.key}`}
            def={def}
            value={values[def.key]}
            previous={previous[def.key]}
            animate={animate}
          />
        ))}
      </dl>
      {missing && <p className="kpi-note">{t('missingNote')}</p>}
    </section>
  );
}
