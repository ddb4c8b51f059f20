// Any SKU's stock, healthy ones too: what the gateway stored for the search (GET /v1/stock), beside
// the live lists of SKUs in trouble.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StockPage, type StockItem } from '../../../../protocol';
import { formatNumber } from '../../format';
import type { Column } from '../../ui/DataTable';
import { TablePanel } from '../../ui/TablePanel';
import { useServerQuery } from '../../ui/useServerQuery';

export function StockLookup({ query }: { query: string }) {
  const { t, i18n } = useTranslation();
  const q = query.trim();
  const request = useMemo(() => (q ? { resource: 'stock' as const, params: { q, limit: '100' } } : undefined), [q]);
  const answer = useServerQuery(request, StockPage);
  const lang = i18n.language;
  const columns = useMemo<Column<StockItem>[]>(
    () => [
      {
        id: 'product',
        header: t('stockView.col.product'),
        cell: (s) => (
          <>
            <strong>{s.sku}</strong>
            {s.title && <div>{s.title}</div>}
            {s.barcode && <div className="stock-muted">{t('stockView.barcode', { barcode: s.barcode })}</div>}
          </>
        ),
      },
      {
        id: 'stock',
        header: t('stockView.col.stock'),
        numeric: true,
        cell: (s) => (
          <>
            <strong>
              {t('stockView.availableShort', { count: s.available, formatted: formatNumber(s.available, lang) })}
            </strong>
            <div className="stock-muted">
              {t('stockView.onHandReserved', { onHand: s.onHand, reserved: s.reserved })}
            </div>
          </>
        ),
      },
      { id: 'level', header: t('stockView.lookup.level'), cell: (s) => t(`stockView.lookup.levels.${s.level}`) },
      {
        id: 'channels',
        header: t('stockView.col.channels'),
        cell: (s) =>
          s.channels.length === 0
            ? t('stockView.noChannels')
            : s.channels
                .map(
                  (c) =>
                    `${t(`marketplace.${c.marketplace}`)}: ${c.listedQty === null ? t('stockView.notListed') : t('stockView.listed', { count: c.listedQty })} (${t(`stockView.push.${c.pushStatus}`)})`,
                )
                .join(' · '),
      },
    ],
    [t, lang],
  );
  if (!request) return null;
  const items = answer.data?.items ?? [];
  return (
    <div data-testid="stock-lookup">
      <TablePanel
        id="stock-lookup"
        title={t('stockView.lookup.title')}
        description={
          answer.loading
            ? t('stockView.lookup.searching')
            : answer.error
              ? t('stockView.lookup.failed')
              : answer.data?.totalCapped
                ? t('stockView.lookup.foundMore', { shown: formatNumber(answer.data.total, lang) })
                : t('stockView.lookup.found', { count: answer.data?.total ?? 0 })
        }
        empty={answer.loading ? t('stockView.lookup.searching') : t('stockView.lookup.empty')}
        tableClassName="stock-table"
        columns={columns}
        rows={items}
        rowKey={(s) => s.sku}
        rowAttributes={(s) => ({ 'data-sku': s.sku })}
      />
    </div>
  );
}
