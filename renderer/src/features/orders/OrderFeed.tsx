// The dashboard's newest orders; an order number opens that order on the Orders screen. While the
// pointer is over the feed or focus is in it, the rows hold still (new orders are counted), so the
// number clicked is the one aimed at.
// Virtualised: only the rows in view of the feed's scroll region (and a few either side) are in
// the DOM, the space of the others is kept above and below, so a batch costs the rows it changed.
import { createSelector } from '@reduxjs/toolkit';
import { memo, useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppDispatch, useAppSelector, type AppDispatch, type RootState } from '../../app/store';
import { formatDateTime } from '../../format';
import { HeldNotice } from '../../ui/HeldNotice';
import { useHeldOrder } from '../../ui/useHeldOrder';
import { focused } from '../ui/uiSlice';
import { NAMESPACE } from './i18n';
import type { OrderRow } from './ordersSlice';
import { money } from './text';
import './orders.css';

const SHOWN = 100;
/** Rows drawn before the region is measured, and where nothing is laid out. */
const INITIAL_ROWS = 20;
/** Rows drawn past each edge of the view, so scrolling shows rows before the next render. */
const OVERSCAN = 6;
/** A row's height until rows are measured: one line at the console's type size. */
const ESTIMATED_ROW_PX = 29;

const keyOfRow = (row: OrderRow) => row.key;

const selectFeedKeys = createSelector([(s: RootState) => s.orders.ids], (ids) => ids.slice(0, SHOWN));

interface RowText {
  t: TFunction;
  lang: string;
  openTitle: string;
  dispatch: AppDispatch;
}

/** A row's cells: made again only when its order changes (or the language), not when it moves. */
const OrderCells = memo(function OrderCells({ row, text }: { row: OrderRow; text: RowText }) {
  const { t, lang } = text;
  return (
    <>
      <span className="order-no">
        <a
          href="#/orders"
          title={text.openTitle}
          onClick={() => text.dispatch(focused({ view: 'orders', item: row.key }))}
        >
          {row.orderNumber}
        </a>
      </span>
      <span className="order-market">{row.marketplace ? t(`marketplace.${row.marketplace}`) : '—'}</span>
      <span className="order-total">{money(row.total, lang)}</span>
      <span className="order-items">{t('orders.items', { count: row.itemCount })}</span>
      <span className="order-city">{row.city ?? ''}</span>
      <span className={`order-status status-${row.status}`}>{t(`orderStatus.${row.status}`)}</span>
      <time className="order-time" dateTime={row.orderedAt}>
        {formatDateTime(row.orderedAt, lang)}
      </time>
    </>
  );
});

const OrderFeedRow = memo(function OrderFeedRow(props: {
  row: OrderRow;
  position: number;
  count: number;
  text: RowText;
}) {
  const { row } = props;
  return (
    // Its place among all the feed's rows, as only some of them are in the DOM.
    <li
      className="order-row"
      data-order-number={row.orderNumber}
      data-priority={row.priority}
      aria-posinset={props.position}
      aria-setsize={props.count}
    >
      <OrderCells row={row} text={props.text} />
    </li>
  );
});

interface FeedWindow {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
  /** The rows' mean height as laid out. */
  rowPx: number;
}

/**
 * Which rows the scroll region shows: from where the list sits in the region's view and the
 * rows' height as measured. Measured on scroll and when the region or the list is resized (the
 * width decides whether a row takes one line or two), never during a render.
 */
function useFeedWindow(scrollRef: RefObject<HTMLElement | null>, list: HTMLElement | null): FeedWindow {
  const [win, setWin] = useState<FeedWindow>({ start: 0, end: INITIAL_ROWS, rowPx: ESTIMATED_ROW_PX });
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || !list) return;
    const measure = () => {
      const view = scroller.clientHeight;
      if (view === 0) return;
      const first = list.firstElementChild;
      const last = list.lastElementChild;
      const drawn = list.childElementCount;
      const mean =
        first && last && drawn > 0
          ? (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / drawn
          : ESTIMATED_ROW_PX;
      // Whole pixels: a render that moves nothing must not measure another height.
      const rowPx = Math.max(1, Math.round(mean));
      // Where the view begins, counted from the top of the list.
      const from = scroller.getBoundingClientRect().top - list.getBoundingClientRect().top;
      const start = Math.max(0, Math.floor(from / rowPx) - OVERSCAN);
      const end = Math.max(start, Math.ceil((from + view) / rowPx) + OVERSCAN);
      setWin((w) => (start === w.start && end === w.end && rowPx === w.rowPx ? w : { start, end, rowPx }));
    };
    // Without ResizeObserver (a DOM without layout) the first rows stay drawn until a scroll.
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    resized?.observe(scroller);
    resized?.observe(list);
    scroller.addEventListener('scroll', measure, { passive: true });
    return () => {
      resized?.disconnect();
      scroller.removeEventListener('scroll', measure);
    };
  }, [scrollRef, list]);
  return win;
}

export interface OrderFeedProps {
  /** The region the feed scrolls in: what it is in view of decides which rows are drawn. */
  scrollRef: RefObject<HTMLElement | null>;
}

export function OrderFeed({ scrollRef }: OrderFeedProps) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const liveKeys = useAppSelector(selectFeedKeys);
  const entities = useAppSelector((s) => s.orders.entities);
  const liveRows = useMemo(
    () => liveKeys.map((k) => entities[k]).filter((r): r is OrderRow => r !== undefined),
    [liveKeys, entities],
  );
  const current = useCallback((key: string) => entities[key], [entities]);
  // Held rows that leave the store (the feed keeps the newest thousand) keep their place.
  const hold = useHeldOrder(liveRows, keyOfRow, current);
  const rows = hold.rows;
  const [list, setList] = useState<HTMLOListElement | null>(null);
  const { start, end, rowPx } = useFeedWindow(scrollRef, list);
  const lang = i18n.language;
  const text = useMemo<RowText>(
    () => ({ t, lang, openTitle: t(`${NAMESPACE}.feed.open`), dispatch }),
    [t, lang, dispatch],
  );
  const last = Math.min(end, rows.length);
  const first = Math.min(start, last);

  return (
    <section className="panel order-feed" aria-labelledby="orders-title">
      <div className="order-feed-head">
        <h2 id="orders-title">{t('orders.title')}</h2>
        <HeldNotice
          changed={hold.changed}
          testId="order-feed-held"
          text={
            hold.added > 0
              ? t(`${NAMESPACE}.feed.held.added`, { count: hold.added })
              : t(`${NAMESPACE}.feed.held.moved`)
          }
          announce={t(`${NAMESPACE}.feed.held.announce`)}
        />
      </div>
      {rows.length === 0 ? (
        <p className="empty">{t('orders.empty')}</p>
      ) : (
        <div className="order-feed-region" {...hold.regionProps}>
          <ol
            ref={setList}
            className="order-list"
            data-testid="order-feed"
            // The rows not drawn keep their room, so the region scrolls as if all were there.
            style={{ paddingTop: first * rowPx, paddingBottom: (rows.length - last) * rowPx }}
          >
            {rows.slice(first, last).map((row, i) => (
              <OrderFeedRow key={row.key} row={row} position={first + i + 1} count={rows.length} text={text} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
