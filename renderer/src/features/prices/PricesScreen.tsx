// The prices screen: buy boxes lost (our price against the winner's, our rank), competitors
// selling below us, and price updates a marketplace rejected (with its reasons).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKETPLACES, type Marketplace, type Money } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { formatMoney, formatNumber } from '../../format';
import { MAX_TABLE_ROWS, Pill, SummaryTiles, TablePanel, TimeAgo } from '../alerts/shared';
import { useNow } from '../alerts/time';
import { pricesSelectors, type PriceRow } from './pricesSlice';
import './prices.css';

/** Another seller holds the buy box. */
export const isBuyboxLost = (r: PriceRow): boolean => r.buybox !== undefined && !r.buybox.isOurs;

/** We hold the buy box (or there is none) but a competitor is cheaper, or the marketplace says
 * our price is above its competitive threshold. */
export const isUndercut = (r: PriceRow): boolean =>
  !isBuyboxLost(r) &&
  (r.kind === 'COMPETITOR_UNDERCUT' ||
    (r.buybox !== undefined && r.buybox.winnerPrice.minor < r.salePrice.minor) ||
    (r.competitivePriceThreshold !== undefined && r.salePrice.minor > r.competitivePriceThreshold.minor));

export const isRejected = (r: PriceRow): boolean => r.kind === 'PRICE_REJECTED';

const percentFormats = new Map<string, Intl.NumberFormat>();
function formatPercent(fraction: number, lang: string): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'tr-TR', { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(lang, f);
  }
  return f.format(fraction);
}

export function PricesScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useAppSelector((s) => pricesSelectors.selectAll(s.prices));
  const share = useAppSelector((s) => s.kpi.values['*']?.buyboxSharePct);
  const now = useNow(30_000);
  const [query, setQuery] = useState('');
  const [market, setMarket] = useState<Marketplace | 'all'>('all');

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('tr');
    return rows.filter(
      (r) =>
        (market === 'all' || r.marketplace === market) &&
        (!q || `${r.sku} ${r.barcode ?? ''}`.toLocaleLowerCase('tr').includes(q)),
    );
  }, [rows, query, market]);
  const lost = useMemo(() => shown.filter(isBuyboxLost), [shown]);
  const undercut = useMemo(() => shown.filter(isUndercut), [shown]);
  const rejected = useMemo(() => shown.filter(isRejected), [shown]);

  return (
    <section className="screen ops-screen prices-screen" aria-labelledby="screen-title">
      <header className="ops-screen-head">
        <h1 id="screen-title">{t('pricesView.title')}</h1>
        <p className="ops-screen-sub">{t('pricesView.subtitle')}</p>
      </header>

      <SummaryTiles
        label={t('pricesView.tiles.label')}
        tiles={[
          {
            id: 'lost',
            label: t('pricesView.tiles.lost'),
            value: formatNumber(lost.length, lang),
            tone: 'high',
            icon: 'triangle',
          },
          {
            id: 'undercut',
            label: t('pricesView.tiles.undercut'),
            value: formatNumber(undercut.length, lang),
            tone: 'info',
            icon: 'down',
          },
          {
            id: 'rejected',
            label: t('pricesView.tiles.rejected'),
            value: formatNumber(rejected.length, lang),
            tone: 'bad',
            icon: 'cross',
          },
          {
            id: 'share',
            label: t('pricesView.tiles.share'),
            value: share === undefined ? t('pricesView.tiles.shareUnknown') : formatPercent(share / 100, lang),
            tone: 'ok',
            icon: 'check',
          },
        ]}
      />

      <div className="ops-toolbar">
        <label className="ops-field">
          {t('pricesView.search')}
          <input
            type="search"
            value={query}
            placeholder={t('pricesView.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
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

      <TablePanel
        id="prices-lost"
        title={t('pricesView.lost.title')}
        description={t('pricesView.lost.description')}
        count={lost.length}
        empty={t('pricesView.lost.empty')}
        tone="high"
      >
        <table className="ops-table prices-table">
          <thead>
            <tr>
              <th scope="col">{t('pricesView.col.product')}</th>
              <th scope="col">{t('pricesView.col.marketplace')}</th>
              <th scope="col" className="num">
                {t('pricesView.col.ourPrice')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.winnerPrice')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.difference')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.rank')}
              </th>
              <th scope="col">{t('pricesView.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {lost.slice(0, MAX_TABLE_ROWS).map((r) => {
              const bb = r.buybox as NonNullable<PriceRow['buybox']>;
              return (
                <tr key={r.key} data-price-key={r.key}>
                  <td>
                    <Product row={r} />
                  </td>
                  <td>{t(`marketplace.${r.marketplace}`)}</td>
                  <td className="num">
                    <span className="ops-strong">{formatMoney(r.salePrice, lang)}</span>
                    {r.listPrice && r.listPrice.minor > r.salePrice.minor && (
                      <span className="ops-sub">
                        {t('pricesView.listPrice', { price: formatMoney(r.listPrice, lang) })}
                      </span>
                    )}
                  </td>
                  <td className="num">{formatMoney(bb.winnerPrice, lang)}</td>
                  <td className="num">
                    <Difference ours={r.salePrice} theirs={bb.winnerPrice} />
                  </td>
                  <td className="num">
                    <span className="prices-rank">{t('pricesView.rank', { rank: bb.rank })}</span>
                    {bb.contested && <span className="ops-sub">{t('pricesView.contested')}</span>}
                  </td>
                  <td>
                    <TimeAgo at={r.at} now={now} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TablePanel>

      <TablePanel
        id="prices-undercut"
        title={t('pricesView.undercut.title')}
        description={t('pricesView.undercut.description')}
        count={undercut.length}
        empty={t('pricesView.undercut.empty')}
        tone="info"
      >
        <table className="ops-table prices-table">
          <thead>
            <tr>
              <th scope="col">{t('pricesView.col.product')}</th>
              <th scope="col">{t('pricesView.col.marketplace')}</th>
              <th scope="col" className="num">
                {t('pricesView.col.ourPrice')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.competitorPrice')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.difference')}
              </th>
              <th scope="col" className="num">
                {t('pricesView.col.threshold')}
              </th>
              <th scope="col">{t('pricesView.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {undercut.slice(0, MAX_TABLE_ROWS).map((r) => (
              <tr key={r.key} data-price-key={r.key}>
                <td>
                  <Product row={r} />
                </td>
                <td>{t(`marketplace.${r.marketplace}`)}</td>
                <td className="num ops-strong">{formatMoney(r.salePrice, lang)}</td>
                <td className="num">{r.buybox ? formatMoney(r.buybox.winnerPrice, lang) : '—'}</td>
                <td className="num">
                  {r.buybox ? <Difference ours={r.salePrice} theirs={r.buybox.winnerPrice} /> : '—'}
                </td>
                <td className="num">
                  {r.competitivePriceThreshold ? formatMoney(r.competitivePriceThreshold, lang) : '—'}
                </td>
                <td>
                  <TimeAgo at={r.at} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TablePanel>

      <TablePanel
        id="prices-rejected"
        title={t('pricesView.rejected.title')}
        description={t('pricesView.rejected.description')}
        count={rejected.length}
        empty={t('pricesView.rejected.empty')}
        tone="bad"
      >
        <table className="ops-table prices-table">
          <thead>
            <tr>
              <th scope="col">{t('pricesView.col.product')}</th>
              <th scope="col">{t('pricesView.col.marketplace')}</th>
              <th scope="col" className="num">
                {t('pricesView.col.requested')}
              </th>
              <th scope="col">{t('pricesView.col.reasons')}</th>
              <th scope="col">{t('pricesView.col.batch')}</th>
              <th scope="col">{t('pricesView.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rejected.slice(0, MAX_TABLE_ROWS).map((r) => (
              <tr key={r.key} data-price-key={r.key}>
                <td>
                  <Product row={r} />
                </td>
                <td>{t(`marketplace.${r.marketplace}`)}</td>
                <td className="num ops-strong">{formatMoney(r.salePrice, lang)}</td>
                <td>
                  {r.rejection && r.rejection.reasons.length > 0 ? (
                    <ul className="prices-reasons">
                      {r.rejection.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="ops-sub">{t('pricesView.noReason')}</span>
                  )}
                </td>
                <td>
                  {r.rejection ? (
                    <code className="prices-batch" title={r.rejection.batchId}>
                      {r.rejection.batchId.length > 13 ? `${r.rejection.batchId.slice(0, 8)}…` : r.rejection.batchId}
                    </code>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <TimeAgo at={r.at} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TablePanel>
    </section>
  );
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
