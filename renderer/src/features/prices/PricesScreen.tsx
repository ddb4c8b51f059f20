// The prices screen: buy boxes lost (our price against the winner's, our rank), competitors
// selling below us, and price updates a marketplace rejected (with its reasons).
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKETPLACES, type Marketplace, type Money } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { formatMoney, formatPercent } from '../../format';
import { updatedColumn, type Column } from '../../ui/DataTable';
import { OpsScreen } from '../../ui/OpsScreen';
import { Pill } from '../../ui/Pill';
import { SearchField, searchMatcher } from '../../ui/SearchField';
import { SummaryTiles } from '../../ui/SummaryTiles';
import { listTexts, TablePanel } from '../../ui/TablePanel';
import { byAttr, useFocusRow } from '../../ui/useFocusRow';
import { useNow } from '../../ui/useNow';
import { pricesSelectors, type PriceRow } from './pricesSlice';
import './prices.css';

type LostRow = PriceRow & { buybox: NonNullable<PriceRow['buybox']> };

/** Another seller holds the buy box. */
export const isBuyboxLost = (r: PriceRow): r is LostRow => r.buybox !== undefined && !r.buybox.isOurs;

/** We hold the buy box (or there is none) but a competitor is cheaper, or the marketplace says
 * our price is above its competitive threshold. */
export const isUndercut = (r: PriceRow): boolean =>
  !isBuyboxLost(r) &&
  (r.kind === 'COMPETITOR_UNDERCUT' ||
    (r.buybox !== undefined && r.buybox.winnerPrice.minor < r.salePrice.minor) ||
    (r.competitivePriceThreshold !== undefined && r.salePrice.minor > r.competitivePriceThreshold.minor));

export const isRejected = (r: PriceRow): boolean => r.kind === 'PRICE_REJECTED';

export function PricesScreen() {
  const { t, i18n } = useTranslation();
  const rows = useAppSelector((s) => pricesSelectors.selectAll(s.prices));
  const share = useAppSelector((s) => s.kpi.values['*']?.buyboxSharePct);
  const now = useNow(30_000);
  const [query, setQuery] = useState('');
  const [market, setMarket] = useState<Marketplace | 'all'>('all');
  // A notification or an alert about a price: its row (marketplace:sku).
  useFocusRow(
    'prices',
    (key) => [byAttr('data-price-key', key)],
    () => {
      setQuery('');
      setMarket('all');
    },
  );
  const columns = usePriceColumns(now);

  const shown = useMemo(() => {
    const matches = searchMatcher(query);
    return rows.filter((r) => (market === 'all' || r.marketplace === market) && matches(`${r.sku} ${r.barcode ?? ''}`));
  }, [rows, query, market]);
  const lost = useMemo(() => shown.filter(isBuyboxLost), [shown]);
  const undercut = useMemo(() => shown.filter(isUndercut), [shown]);
  const rejected = useMemo(() => shown.filter(isRejected), [shown]);

  return (
    <OpsScreen className="prices-screen" title={t('pricesView.title')} subtitle={t('pricesView.subtitle')}>
      <SummaryTiles
        label={t('pricesView.tiles.label')}
        tiles={[
          { id: 'lost', label: t('pricesView.tiles.lost'), count: lost.length, tone: 'high', icon: 'triangle' },
          { id: 'undercut', label: t('pricesView.tiles.undercut'), count: undercut.length, tone: 'info', icon: 'down' },
          { id: 'rejected', label: t('pricesView.tiles.rejected'), count: rejected.length, tone: 'bad', icon: 'cross' },
          {
            id: 'share',
            label: t('pricesView.tiles.share'),
            value: share === undefined ? t('pricesView.tiles.shareUnknown') : formatPercent(share / 100, i18n.language),
            tone: 'ok',
            icon: 'check',
          },
        ]}
      />

      <div className="ops-toolbar">
        <SearchField
          label={t('pricesView.search')}
          placeholder={t('pricesView.searchPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <label className="ops-field">
          {t('pricesView.marketplace')}
          <select value={market} onChange={(e) => setMarket(e.target.value as Marketplace | 'all')}>
            <option value="all">{t('pricesView.allMarketplaces')}</option>
            {MARKETPLACES.map((m) => (
              <option key={m} value={m}>
                {t(`marketplace.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <TablePanel {...listTexts(t, 'prices', 'lost')} tone="high" columns={columns.lost} rows={lost} {...PRICE_ROWS} />
      <TablePanel
        {...listTexts(t, 'prices', 'undercut')}
        tone="info"
        columns={columns.undercut}
        rows={undercut}
        {...PRICE_ROWS}
      />
      <TablePanel
        {...listTexts(t, 'prices', 'rejected')}
        tone="bad"
        columns={columns.rejected}
        rows={rejected}
        {...PRICE_ROWS}
      />
    </OpsScreen>
  );
}

/** How the three lists draw their rows: found by `data-price-key` (marketplace:sku). */
const PRICE_ROWS = {
  tableClassName: 'prices-table',
  rowKey: (r: PriceRow) => r.key,
  rowAttributes: (r: PriceRow) => ({ 'data-price-key': r.key }),
};

/** The columns of the three lists; product, marketplace and last update are the same in each. */
function usePriceColumns(now: number) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (m: Money) => formatMoney(m, lang);
  const orDash = <T,>(value: T | undefined, show: (v: T) => ReactNode) => (value ? show(value) : '—');

  const product: Column<PriceRow> = {
    id: 'product',
    header: t('pricesView.col.product'),
    cell: (r) => <Product row={r} />,
  };
  const marketplace: Column<PriceRow> = {
    id: 'marketplace',
    header: t('pricesView.col.marketplace'),
    cell: (r) => t(`marketplace.${r.marketplace}`),
  };
  const updated = updatedColumn<PriceRow>(t('pricesView.col.updated'), now);
  const salePrice = (header: string): Column<PriceRow> => ({
    id: 'salePrice',
    header,
    numeric: true,
    className: 'ops-strong',
    cell: (r) => money(r.salePrice),
  });

  const lost: Column<LostRow>[] = [
    product,
    marketplace,
    {
      id: 'ourPrice',
      header: t('pricesView.col.ourPrice'),
      numeric: true,
      cell: (r) => (
        <>
          <span className="ops-strong">{money(r.salePrice)}</span>
          {r.listPrice && r.listPrice.minor > r.salePrice.minor && (
            <span className="ops-sub">{t('pricesView.listPrice', { price: money(r.listPrice) })}</span>
          )}
        </>
      ),
    },
    {
      id: 'winnerPrice',
      header: t('pricesView.col.winnerPrice'),
      numeric: true,
      cell: (r) => money(r.buybox.winnerPrice),
    },
    {
      id: 'difference',
      header: t('pricesView.col.difference'),
      numeric: true,
      cell: (r) => <Difference ours={r.salePrice} theirs={r.buybox.winnerPrice} />,
    },
    {
      id: 'rank',
      header: t('pricesView.col.rank'),
      numeric: true,
      cell: (r) => (
        <>
          <span className="prices-rank">{t('pricesView.rank', { rank: r.buybox.rank })}</span>
          {r.buybox.contested && <span className="ops-sub">{t('pricesView.contested')}</span>}
        </>
      ),
    },
    updated,
  ];

  const undercut: Column<PriceRow>[] = [
    product,
    marketplace,
    salePrice(t('pricesView.col.ourPrice')),
    {
      id: 'competitorPrice',
      header: t('pricesView.col.competitorPrice'),
      numeric: true,
      cell: (r) => orDash(r.buybox, (bb) => money(bb.winnerPrice)),
    },
    {
      id: 'difference',
      header: t('pricesView.col.difference'),
      numeric: true,
      cell: (r) => orDash(r.buybox, (bb) => <Difference ours={r.salePrice} theirs={bb.winnerPrice} />),
    },
    {
      id: 'threshold',
      header: t('pricesView.col.threshold'),
      numeric: true,
      cell: (r) => orDash(r.competitivePriceThreshold, money),
    },
    updated,
  ];

  const rejected: Column<PriceRow>[] = [
    product,
    marketplace,
    salePrice(t('pricesView.col.requested')),
    {
      id: 'reasons',
      header: t('pricesView.col.reasons'),
      cell: (r) =>
        r.rejection && r.rejection.reasons.length > 0 ? (
          <ul className="prices-reasons">
            {r.rejection.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : (
          <span className="ops-sub">{t('pricesView.noReason')}</span>
        ),
    },
    {
      id: 'batch',
      header: t('pricesView.col.batch'),
      cell: (r) =>
        orDash(r.rejection, ({ batchId }) => (
          <code className="prices-batch" title={batchId}>
            {batchId.length > 13 ? `${batchId.slice(0, 8)}…` : batchId}
          </code>
        )),
    },
    updated,
  ];

  return { lost, undercut, rejected };
}

function Product({ row }: { row: PriceRow }) {
  return (
    <>
      <span className="ops-sku">{row.sku}</span>
      {row.barcode && <span className="ops-sub">{row.barcode}</span>}
    </>
  );
}

/** How much dearer (or cheaper) we are than the other price, in money and percent. */
function Difference({ ours, theirs }: { ours: Money; theirs: Money }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const diff = ours.minor - theirs.minor;
  if (diff === 0) return <>—</>;
  const amount = formatMoney({ minor: Math.abs(diff), currency: ours.currency }, lang);
  const percent = formatPercent(theirs.minor === 0 ? 0 : Math.abs(diff) / theirs.minor, lang);
  return diff > 0 ? (
    <Pill tone="warn" icon="triangle">
      {t('pricesView.moreExpensive', { amount, percent })}
    </Pill>
  ) : (
    <Pill tone="ok" icon="check">
      {t('pricesView.cheaper', { amount, percent })}
    </Pill>
  );
}
