// The marketplace the dashboard shows: a segmented control of native radio buttons, so Tab reaches
// the chosen one and the arrow keys move the choice, as every radio group does.
import { useTranslation } from 'react-i18next';
import { MARKETPLACES, type Marketplace } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { marketplaceChosen } from '../ui/uiSlice';

const CHOICES: readonly (Marketplace | 'all')[] = ['all', ...MARKETPLACES];

export function MarketplaceFilter() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const chosen = useAppSelector((s) => s.ui.marketplace);
  return (
    <div className="mp-filter" role="radiogroup" aria-labelledby="mp-filter-label">
      <span id="mp-filter-label" className="mp-filter-label">
        {t('dashboard.filter.label')}
      </span>
      <div className="mp-segments">
        {CHOICES.map((m) => (
          <label key={m} className="mp-segment">
            <input
              type="radio"
              name="dashboard-marketplace"
              value={m}
              checked={chosen === m}
              onChange={() => dispatch(marketplaceChosen(m))}
            />
            <span>{m === 'all' ? t('dashboard.filter.all') : t(`marketplace.${m}`)}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
