// The link quality as four bars for the eye, and as a sentence for screen readers.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Quality } from '../../../../protocol';
import { QUALITY_BARS } from './connectionText';
import { NAMESPACE as NS } from './i18n';

export const QualityBars = memo(function QualityBars({ level }: { level: Quality['level'] }) {
  const { t } = useTranslation();
  const text = t(`${NS}.quality.label`, { level: t(`${NS}.quality.${level}`) });
  const lit = QUALITY_BARS[level];
  return (
    <span className="quality" data-level={level} title={text}>
      <span className="quality-bars" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= lit ? 'quality-bar on' : 'quality-bar'} />
        ))}
      </span>
      <span className="sr-only">{text}</span>
    </span>
  );
});
