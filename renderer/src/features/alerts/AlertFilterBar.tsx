// The alert centre's filter bar: free text, priority chips, channel and state; "clear" once any is set.
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../../protocol';
import { PRIORITY_ICON } from '../../ui/look';
import { StatusIcon } from '../../ui/StatusIcon';
import { ALERT_STATES, isFiltered, NO_FILTERS, type AlertFilters } from './filters';

export function AlertFilterBar({
  filters,
  channels,
  onChange,
}: {
  filters: AlertFilters;
  /** The channels this role receives. */
  channels: readonly string[];
  onChange: (patch: Partial<AlertFilters>) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="alerts-filters ops-toolbar" role="search" aria-label={t('alertsView.filters.label')}>
      <label className="ops-field">
        {t('alertsView.filters.search')}
        <input
          type="search"
          value={filters.text}
          placeholder={t('alertsView.filters.searchPlaceholder')}
          onChange={(e) => onChange({ text: e.target.value })}
          data-testid="alerts-search"
        />
      </label>
      <fieldset className="alerts-priority-filter">
        <legend>{t('alertsView.filters.priority')}</legend>
        {PRIORITIES.map((p) => (
          <label key={p} className="alerts-chip" data-priority={p}>
            <input
              type="checkbox"
              checked={filters.priorities.includes(p)}
              onChange={(e) =>
                onChange({
                  priorities: e.target.checked ? [...filters.priorities, p] : filters.priorities.filter((x) => x !== p),
                })
              }
            />
            <StatusIcon shape={PRIORITY_ICON[p]} />
            {t(`alertsView.priority.${p}`)}
          </label>
        ))}
      </fieldset>
      <label className="ops-field">
        {t('alertsView.filters.channel')}
        <select value={filters.channel} onChange={(e) => onChange({ channel: e.target.value })}>
          <option value="all">{t('alertsView.filters.all')}</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {t(`alertsView.channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="ops-field">
        {t('alertsView.filters.state')}
        <select value={filters.state} onChange={(e) => onChange({ state: e.target.value as AlertFilters['state'] })}>
          <option value="all">{t('alertsView.filters.all')}</option>
          {ALERT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`alertsView.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filters) && (
        <button type="button" className="ops-btn" onClick={() => onChange(NO_FILTERS)}>
          {t('alertsView.filters.clear')}
        </button>
      )}
    </div>
  );
}
