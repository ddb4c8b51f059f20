// What the order is, as read-only facts: total, dates, city, package, the marketplace's own status,
// the automatic cancel time (loud within a day); who cancelled it; its lines; its cargo.
import { useId, type ReactNode } from 'react';
import { formatDateTime, formatNumber } from '../../format';
import { ShipByCountdown } from './bits';
import type { OrderRow } from './ordersSlice';
import { money, useOrdersText } from './text';
import { useNow } from './useNow';

const DAY_MS = 24 * 60 * 60_000;

/** One fact of the order: its name and its value. */
function Fact(props: { term: string; className?: string; urgent?: boolean; children: ReactNode }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd className={props.className} data-urgent={props.urgent || undefined}>
        {props.children}
      </dd>
    </div>
  );
}

export function OrderFacts({ row }: { row: OrderRow }) {
  const { v, lang } = useOrdersText();
  const now = useNow();
  // The marketplace cancels on its own at this time: loud only once it is within a day.
  const urgentCancel = row.autoCancelAt !== undefined && Date.parse(row.autoCancelAt) - now < DAY_MS;
  return (
    <>
      <dl className="ord-facts">
        <Fact term={v('detail.total')} className="ord-num ord-strong">
          {money(row.total, lang)}
        </Fact>
        <Fact term={v('detail.shipBy')}>
          {row.shipBy ? (
            <>
              <span className="ord-num">{formatDateTime(row.shipBy, lang)}</span>
              <ShipByCountdown row={row} v={v} fallback="" />
            </>
          ) : (
            v('countdown.none')
          )}
        </Fact>
        <Fact term={v('detail.orderedAt')} className="ord-num">
          {formatDateTime(row.orderedAt, lang)}
        </Fact>
        <Fact term={v('detail.city')}>{row.city ?? '—'}</Fact>
        {row.packageId && (
          <Fact term={v('detail.package')} className="ord-mono">
            {row.packageId}
          </Fact>
        )}
        <Fact term={v('detail.rawStatus')}>{row.rawStatus}</Fact>
        {row.autoCancelAt && (
          <Fact term={v('detail.autoCancelAt')} className="ord-num" urgent={urgentCancel}>
            {formatDateTime(row.autoCancelAt, lang)}
          </Fact>
        )}
      </dl>

      {row.cancel && (
        <p className="ord-card ord-cancel">
          <strong>{v(`detail.cancelBy.${row.cancel.by}`)}</strong>
          {row.cancel.reason ? ` — ${row.cancel.reason}` : ''}
        </p>
      )}
    </>
  );
}

export function OrderLines({ row }: { row: OrderRow }) {
  const { v, lang } = useOrdersText();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-lines`} className="ord-section">
      <h3 id={`${id}-lines`}>
        {v('detail.lines')} <span className="ord-count">{formatNumber(row.lines.length, lang)}</span>
      </h3>
      <table className="ord-lines">
        <thead>
          <tr>
            <th scope="col">{v('detail.product')}</th>
            <th scope="col" className="ord-num">
              {v('detail.qty')}
            </th>
            <th scope="col" className="ord-num">
              {v('detail.unitPrice')}
            </th>
          </tr>
        </thead>
        <tbody>
          {row.lines.map((l, i) => (
            <tr key={`${l.sku}-${i}`}>
              <td>
                <span className="ord-line-title">{l.title ?? l.sku}</span>
                <span className="ord-line-sku">
                  {v('detail.sku')}: <span className="ord-mono">{l.sku}</span>
                </span>
              </td>
              <td className="ord-num">{formatNumber(l.qty, lang)}</td>
              <td className="ord-num">{money(l.unitPrice, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OrderCargo({ row }: { row: OrderRow }) {
  const { v } = useOrdersText();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-cargo`} className="ord-section">
      <h3 id={`${id}-cargo`}>{v('detail.cargo')}</h3>
      {row.cargo && (row.cargo.provider || row.cargo.trackingNumber) ? (
        <dl className="ord-facts ord-facts-tight">
          {row.cargo.provider && <Fact term={v('detail.provider')}>{row.cargo.provider}</Fact>}
          {row.cargo.trackingNumber && (
            <Fact term={v('detail.tracking')} className="ord-mono">
              {row.cargo.trackingUrl ? (
                <a href={row.cargo.trackingUrl} target="_blank" rel="noreferrer noopener">
                  {row.cargo.trackingNumber}
                  <span className="sr-only"> — {v('detail.track')}</span>
                </a>
              ) : (
                row.cargo.trackingNumber
              )}
            </Fact>
          )}
        </dl>
      ) : (
        <p className="ord-muted">{v('detail.noCargo')}</p>
      )}
    </section>
  );
}
