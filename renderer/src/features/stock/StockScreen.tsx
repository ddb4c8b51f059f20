// The stock screen: out of stock (oversell risk highlighted: no stock while a marketplace still
// lists units), low stock, and mismatches or failed pushes, each SKU with its available, on-hand
// and reserved units, threshold, and per-marketplace listed quantity and push status.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { formatNumber } from '../../format';
import { updatedColumn, type Column } from '../../ui/DataTable';
import type { Look } from '../../ui/look';
import { OpsScreen } from '../../ui/OpsScreen';
import { Pill } from '../../ui/Pill';
import { SearchField, searchMatcher } from '../../ui/SearchField';
import { StatusIcon } from '../../ui/StatusIcon';
import { SummaryTiles } from '../../ui/SummaryTiles';
import { listTexts, TablePanel } from '../../ui/TablePanel';
import { byAttr, useFocusRow } from '../../ui/useFocusRow';
import { useNow } from '../../ui/useNow';
import { kindLabel } from '../alerts/describe';
import { hasSyncIssue, isLowStock, isOutOfStock, isOversellRisk, stockSelectors, type StockRow } from './stockSlice';
import { ExportButton } from '../../ui/ExportButton';
import { StockLookup } from './StockLookup';
import './stock.css';

const PUSH_LOOK: Record<string, Look> = {
  ok: { tone: 'ok', icon: 'check' },
  pending: { tone: 'muted', icon: 'clock' },
  failed: { tone: 'bad', icon: 'cross' },
};

export function StockScreen() {
  const { t } = useTranslation();
  const rows = useAppSelector((s) => stockSelectors.selectAll(s.stock));
  const titles = useAppSelector((s) => s.stock.titles);
  const now = useNow(30_000);
  const [query, setQuery] = useState('');
  const columns = useStockColumns(titles, now);
  // A notification or an alert about a SKU: its row.
  useFocusRow(
    'stock',
    (sku) => [byAttr('data-sku', sku)],
    () => setQuery(''),
  );

  const shown = useMemo(() => {
    const matches = searchMatcher(query);
    return rows.filter((r) => matches([r.sku, r.barcode ?? '', titles[r.sku] ?? ''].join(' ')));
  }, [rows, titles, query]);

  const out = useMemo(
    () =>
      shown
        .filter(isOutOfStock)
        .sort((a, b) => Number(isOversellRisk(b)) - Number(isOversellRisk(a)) || Date.parse(b.at) - Date.parse(a.at)),
    [shown],
  );
  const low = useMemo(
    () =>
      shown
        .filter(isLowStock)
        .sort(
          (a, b) => a.available / (a.threshold || 1) - b.available / (b.threshold || 1) || a.available - b.available,
        ),
    [shown],
  );
  const issues = useMemo(() => shown.filter(hasSyncIssue).sort((a, b) => Date.parse(b.at) - Date.parse(a.at)), [shown]);
  const oversell = out.filter(isOversellRisk).length;

  return (
    <OpsScreen className="stock-screen" title={t('stockView.title')} subtitle={t('stockView.subtitle')}>
      <SummaryTiles
        label={t('stockView.tiles.label')}
        tiles={[
          { id: 'out', label: t('stockView.tiles.out'), count: out.length, tone: 'bad', icon: 'cross' },
          {
            id: 'oversell',
            label: t('stockView.tiles.oversell'),
            count: oversell,
            tone: oversell > 0 ? 'critical' : 'muted',
            icon: 'octagon',
            hint: t('stockView.tiles.oversellHint'),
          },
          { id: 'low', label: t('stockView.tiles.low'), count: low.length, tone: 'warn', icon: 'triangle' },
          { id: 'issues', label: t('stockView.tiles.issues'), count: issues.length, tone: 'warn', icon: 'clock' },
          { id: 'tracked', label: t('stockView.tiles.tracked'), count: shown.length, tone: 'info', icon: 'info' },
        ]}
      />

      <div className="ops-toolbar">
        <SearchField
          label={t('stockView.search')}
          placeholder={t('stockView.searchPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <ExportButton request={{ resource: 'stock', params: query.trim() ? { q: query.trim() } : {} }} />
      </div>

      <StockLookup query={query} />

      <TablePanel {...listTexts(t, 'stock', 'out')} tone="bad" columns={columns.levels} rows={out} {...LEVEL_ROWS} />
      <TablePanel {...listTexts(t, 'stock', 'low')} tone="warn" columns={columns.levels} rows={low} {...LEVEL_ROWS} />
      <TablePanel {...listTexts(t, 'stock', 'issues')} columns={columns.issues} rows={issues} {...STOCK_ROWS} />
    </OpsScreen>
  );
}

/** How the lists draw their rows: one per SKU, found by `data-sku`. */
const STOCK_ROWS = {
  tableClassName: 'stock-table',
  rowKey: (r: StockRow) => r.sku,
  rowAttributes: (r: StockRow) => ({ 'data-sku': r.sku }),
};

/** The out-of-stock and low-stock lists mark an oversell risk on the row too. */
const LEVEL_ROWS = {
  ...STOCK_ROWS,
  rowAttributes: (r: StockRow) => {
    const risk = isOversellRisk(r);
    return {
      'data-sku': r.sku,
      'data-oversell': risk ? 'true' : undefined,
      className: risk ? 'stock-row is-oversell' : 'stock-row',
    };
  },
};

/** The columns of the stock levels (out of stock, low) and of the sync issues. */
function useStockColumns(titles: Record<string, string>, now: number) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language);
  const units = (r: StockRow) => t('stockView.onHandReserved', { onHand: num(r.onHand), reserved: num(r.reserved) });

  const product: Column<StockRow> = {
    id: 'product',
    header: t('stockView.col.product'),
    cell: (r) => <Product row={r} title={titles[r.sku]} />,
  };
  const updated = updatedColumn<StockRow>(t('stockView.col.updated'), now);
  const channels = (compare: boolean): Column<StockRow> => ({
    id: 'channels',
    header: t('stockView.col.channels'),
    cell: (r) => <Channels row={r} compare={compare} />,
  });

  const levels: Column<StockRow>[] = [
    {
      ...product,
      cell: (r) => (
        <>
          {product.cell(r)}
          {isOversellRisk(r) && (
            <span className="stock-risk">
              <Pill tone="critical" icon="octagon">
                {t('stockView.oversellBadge')}
              </Pill>
            </span>
          )}
        </>
      ),
    },
    {
      id: 'stock',
      header: t('stockView.col.stock'),
      numeric: true,
      cell: (r) => (
        <>
          <span className="ops-strong stock-available" title={t('stockView.available')}>
            {num(r.available)}
          </span>
          <span className="ops-sub">{units(r)}</span>
        </>
      ),
    },
    {
      id: 'threshold',
      header: t('stockView.col.threshold'),
      numeric: true,
      cell: (r) => (r.threshold === undefined ? '—' : num(r.threshold)),
    },
    channels(false),
    updated,
  ];

  const issues: Column<StockRow>[] = [
    product,
    {
      id: 'problem',
      header: t('stockView.col.problem'),
      cell: (r) =>
        r.kind === 'STOCK_MISMATCH' || r.kind === 'STOCK_PUSH_FAILED' ? (
          <Pill tone="warn" icon="triangle">
            {kindLabel(t, r.kind)}
          </Pill>
        ) : (
          <Pill tone="bad" icon="cross">
            {kindLabel(t, 'STOCK_PUSH_FAILED')}
          </Pill>
        ),
    },
    {
      id: 'stock',
      header: t('stockView.col.stock'),
      numeric: true,
      cell: (r) => (
        <>
          <span className="ops-strong">{num(r.available)}</span>
          <span className="ops-sub">{units(r)}</span>
        </>
      ),
    },
    channels(true),
    updated,
  ];

  return { levels, issues };
}

function Product({ row, title }: { row: StockRow; title?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="ops-sku">{row.sku}</span>
      {title && <span className="ops-sub stock-title">{title}</span>}
      {row.barcode && <span className="ops-sub">{t('stockView.barcode', { barcode: row.barcode })}</span>}
    </>
  );
}

/** Each marketplace: listed quantity and push status (icon and text); units still listed while
 * out of stock are flagged; with `compare`, a listed quantity that differs from the warehouse. */
function Channels({ row, compare }: { row: StockRow; compare?: boolean }) {
  const { t } = useTranslation();
  if (row.channels.length === 0) return <span className="ops-sub">{t('stockView.noChannels')}</span>;
  return (
    <ul className="stock-channels">
      {row.channels.map((c) => {
        const selling = row.available <= 0 && (c.listedQty ?? 0) > 0;
        const differs = compare && c.listedQty !== null && c.listedQty !== row.available;
        return (
          <li
            key={c.marketplace}
            className={`stock-channel${selling ? ' is-selling' : ''}`}
            data-marketplace={c.marketplace}
            data-push={c.pushStatus}
            data-selling={selling ? 'true' : undefined}
          >
            <span className="stock-channel-name">{t(`marketplace.${c.marketplace}`)}</span>
            <span className="stock-channel-qty">
              {c.listedQty === null ? t('stockView.notListed') : t('stockView.listed', { count: c.listedQty })}
            </span>
            <span className="stock-channel-push" data-tone={PUSH_LOOK[c.pushStatus]?.tone}>
              <StatusIcon shape={PUSH_LOOK[c.pushStatus]?.icon ?? 'dash'} />
              {t(`stockView.push.${c.pushStatus}`)}
            </span>
            {selling && (
              <span className="stock-selling">
                <StatusIcon shape="octagon" />
                {t('stockView.stillSelling')}
              </span>
            )}
            {differs && <span className="ops-sub">{t('stockView.mismatch', { available: row.available })}</span>}
          </li>
        );
      })}
    </ul>
  );
}
