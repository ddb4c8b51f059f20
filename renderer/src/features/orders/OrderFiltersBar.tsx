// The filter bar: order-number search, marketplace, status and ship-by window. Native controls,
// each with a visible label, so keyboard and screen readers work without extra wiring.
import { memo, useId } from 'react';
import {
  isFiltered,
  MARKETPLACE_FILTERS,
  SHIP_BY_FILTERS,
  STATUS_FILTERS,
  type OrderFilters,
  type ShipByFilter,
  type StatusFilter,
} from './orderView';
import { useOrdersText } from './text';
import type { Marketplace } from '../../../../protocol';
import type { OrderSort } from './useServerOrders';

/** Memoised: the screen re-renders on every batch of orders, the filters only when they change. */
export const OrderFiltersBar = memo(function OrderFiltersBar({
  filters,
  onChange,
  sort = '-updatedAt',
  mine = false,
  onView,
}: {
  filters: OrderFilters;
  onChange: (patch: Partial<OrderFilters>) => void;
  sort?: OrderSort;
  mine?: boolean;
  onView?: (patch: Partial<{ sort: OrderSort; mine: boolean }>) => void;
}) {
  const { t, v } = useOrdersText();
  const id = useId();
  return (
    <form className="ord-filters" role="search" aria-label={v('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="ord-field ord-field-search">
        <label htmlFor={`${id}-search`}>{v('filters.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={filters.search}
          placeholder={v('filters.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange({ search: e.target.value })}
        />
      </div>
      <div className="ord-field">
        <label htmlFor={`${id}-mp`}>{v('filters.marketplace')}</label>
        <select
          id={`${id}-mp`}
          value={filters.marketplace}
          onChange={(e) => onChange({ marketplace: e.target.value as Marketplace | 'all' })}
        >
          {MARKETPLACE_FILTERS.map((m) => (
            <option key={m} value={m}>
              {m === 'all' ? v('filters.allMarketplaces') : t(`marketplace.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="ord-field">
        <label htmlFor={`${id}-status`}>{v('filters.status')}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as StatusFilter })}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === 'all'
                ? v('filters.allStatuses')
                : s === 'open'
                  ? v('filters.openStatuses')
                  : t(`orderStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="ord-field ord-segmented">
        <legend>{v('filters.shipBy')}</legend>
        <div className="ord-segments">
          {SHIP_BY_FILTERS.map((f) => (
            <label key={f} data-value={f}>
              <input
                type="radio"
                name={`${id}-shipby`}
                value={f}
                checked={filters.shipBy === f}
                onChange={() => onChange({ shipBy: f as ShipByFilter })}
              />
              <span>{v(`filters.shipByOptions.${f}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {onView && (
        <>
          <div className="ord-field">
            <label htmlFor={`${id}-sort`}>{v('filters.sort')}</label>
            <select id={`${id}-sort`} value={sort} onChange={(e) => onView({ sort: e.target.value as OrderSort })}>
              <option value="-updatedAt">{v('filters.sortOptions.recent')}</option>
              <option value="shipBy">{v('filters.sortOptions.shipBy')}</option>
            </select>
          </div>
          <label className="ord-field ord-mine">
            <input type="checkbox" checked={mine} onChange={(e) => onView({ mine: e.target.checked })} />
            <span>{v('filters.mine')}</span>
          </label>
        </>
      )}
      {isFiltered(filters) && (
        <button
          type="button"
          className="ord-button ord-button-ghost ord-filters-clear"
          onClick={() => onChange({ marketplace: 'all', status: 'all', shipBy: 'all', search: '' })}
        >
          {v('filters.clear')}
        </button>
      )}
    </form>
  );
});
