// The stock screen: out of stock (oversell risk highlighted: no stock while a marketplace still
// lists units), low stock, and mismatches or failed pushes, each SKU with its available, on-hand
// and reserved units, threshold, and per-marketplace listed quantity and push status.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { formatNumber } from '../../format';
import { kindLabel } from '../alerts/describe';
import { MAX_TABLE_ROWS, Pill, StatusIcon, SummaryTiles, TablePanel, TimeAgo, type IconShape } from '../alerts/shared';
import { useNow } from '../alerts/time';
import { hasSyncIssue, isLowStock, isOutOfStock, isOversellRisk, stockSelectors, type StockRow } from './stockSlice';
import './stock.css';

const PUSH_ICON: Record<string, IconShape> = { ok: 'check', pending: 'clock', failed: 'cross' };
const PUSH_TONE = { ok: 'ok', pending: 'muted', failed: 'bad' } as const;

export function StockScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useAppSelector((s) => stockSelectors.selectAll(s.stock));
  const titles = useAppSelector((s) => s.stock.titles);
  const now = useNow(30_000);
  const [query, setQuery] = useState('');

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('tr');
    if (!q) return rows;
    return rows.filter((r) =>
      [r.sku, r.barcode ?? '', titles[r.sku] ?? ''].join(' ').toLocaleLowerCase('tr').includes(q),
    );
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

  const num = (n: number) => formatNumber(n, lang);

  return (
    <section className="screen ops-screen stock-screen" aria-labelledby="screen-title">
      <header className="ops-screen-head">
        <h1 id="screen-title">{t('stockView.title')}</h1>
        <p className="ops-screen-sub">{t('stockView.subtitle')}</p>
      </header>

      <SummaryTiles
        label={t('stockView.tiles.label')}
        tiles={[
          { id: 'out', label: t('stockView.tiles.out'), value: num(out.length), tone: 'bad', icon: 'cross' },
          {
            id: 'oversell',
            label: t('stockView.tiles.oversell'),
            value: num(oversell),
            tone: oversell > 0 ? 'critical' : 'muted',
            icon: 'octagon',
            hint: t('stockView.tiles.oversellHint'),
          },
          { id: 'low', label: t('stockView.tiles.low'), value: num(low.length), tone: 'warn', icon: 'triangle' },
          { id: 'issues', label: t('stockView.tiles.issues'), value: num(issues.length), tone: 'warn', icon: 'clock' },
          { id: 'tracked', label: t('stockView.tiles.tracked'), value: num(shown.length), tone: 'info', icon: 'info' },
        ]}
      />

      <div className="ops-toolbar">
        <label className="ops-field">
          {t('stockView.search')}
          <input
            type="search"
            value={query}
            placeholder={t('stockView.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      </div>

      <TablePanel
        id="stock-out"
        title={t('stockView.out.title')}
        description={t('stockView.out.description')}
        count={out.length}
        empty={t('stockView.out.empty')}
        tone="bad"
      >
        <StockTable rows={out} titles={titles} now={now} />
      </TablePanel>

      <TablePanel
        id="stock-low"
        title={t('stockView.low.title')}
        description={t('stockView.low.description')}
        count={low.length}
        empty={t('stockView.low.empty')}
        tone="warn"
      >
        <StockTable rows={low} titles={titles} now={now} />
      </TablePanel>

      <TablePanel
        id="stock-issues"
        title={t('stockView.issues.title')}
        description={t('stockView.issues.description')}
        count={issues.length}
        empty={t('stockView.issues.empty')}
      >
        <table className="ops-table stock-table">
          <thead>
            <tr>
              <th scope="col">{t('stockView.col.product')}</th>
              <th scope="col">{t('stockView.col.problem')}</th>
              <th scope="col" className="num">
                {t('stockView.col.stock')}
              </th>
              <th scope="col">{t('stockView.col.channels')}</th>
              <th scope="col">{t('stockView.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, MAX_TABLE_ROWS).map((r) => (
              <tr key={r.sku} data-sku={r.sku}>
                <td>
                  <Product row={r} title={titles[r.sku]} />
                </td>
                <td>
                  {r.kind === 'STOCK_MISMATCH' || r.kind === 'STOCK_PUSH_FAILED' ? (
                    <Pill tone="warn" icon="triangle">
                      {kindLabel(t, r.kind)}
                    </Pill>
                  ) : (
                    <Pill tone="bad" icon="cross">
                      {kindLabel(t, 'STOCK_PUSH_FAILED')}
                    </Pill>
                  )}
                </td>
                <td className="num">
                  <span className="ops-strong">{num(r.available)}</span>
                  <span className="ops-sub">
                    {t('stockView.onHandReserved', { onHand: num(r.onHand), reserved: num(r.reserved) })}
                  </span>
                </td>
                <td>
                  <Channels row={r} compare />
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

function StockTable({ rows, titles, now }: { rows: StockRow[]; titles: Record<string, string>; now: number }) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language);
  return (
    <table className="ops-table stock-table">
      <thead>
        <tr>
          <th scope="col">{t('stockView.col.product')}</th>
          <th scope="col" className="num">
            {t('stockView.col.stock')}
          </th>
          <th scope="col" className="num">
            {t('stockView.col.threshold')}
          </th>
          <th scope="col">{t('stockView.col.channels')}</th>
          <th scope="col">{t('stockView.col.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, MAX_TABLE_ROWS).map((r) => {
          const risk = isOversellRisk(r);
          return (
            <tr
              key={r.sku}
              data-sku={r.sku}
              data-oversell={risk ? 'true' : undefined}
              className={risk ? 'stock-row is-oversell' : 'stock-row'}
            >
              <td>
                <Product row={r} title={titles[r.sku]} />
                {risk && (
                  <span className="stock-risk">
                    <Pill tone="critical" icon="octagon">
                      {t('stockView.oversellBadge')}
                    </Pill>
                  </span>
                )}
              </td>
              <td className="num">
                <span className="ops-strong stock-available" title={t('stockView.available')}>
                  {num(r.available)}
                </span>
                <span className="ops-sub">
                  {t('stockView.onHandReserved', { onHand: num(r.onHand), reserved: num(r.reserved) })}
                </span>
              </td>
              <td className="num">{r.threshold === undefined ? '—' : num(r.threshold)}</td>
              <td>
                <Channels row={r} />
              </td>
              <td>
                <TimeAgo at={r.at} now={now} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
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
            <span className="stock-channel-push" data-tone={PUSH_TONE[c.pushStatus]}>
              <StatusIcon shape={PUSH_ICON[c.pushStatus] ?? 'dash'} />
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
