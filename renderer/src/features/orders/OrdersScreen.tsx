// The Orders screen: the live feed (virtualised, newest first, paused while scrolled down so rows
// do not move under the reader), filters, who else is looking, and the selected order's panel.
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FixedSizeList } from 'react-window';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useHeldOrder } from '../../ui/useHeldOrder';
import { formatNumber } from '../../format';
import { focused, marketplaceChosen } from '../ui/uiSlice';
import { OrderDetail } from './OrderDetail';
import { OrderFiltersBar } from './OrderFiltersBar';
import { OrdersPresence } from './OrdersPresence';
import { orderPinned, ordersSelectors, type OrderRow } from './ordersSlice';
import { OrderTable } from './OrderTable';
import { dependsOnTime, isFiltered, NO_FILTERS, orderMatcher, urgencyCounter, type OrderFilters } from './orderView';
import { useOrdersText } from './text';
import { useNow } from './useNow';
import { exportParams, useServerOrders, type OrderSort } from './useServerOrders';
import { ExportButton } from '../../ui/ExportButton';
import { getBridge } from '../../bridge';
import { PrintSheets } from './PrintSheets';
import './orders.css';

type LocalFilters = Omit<OrderFilters, 'marketplace'>;

const keyOfKey = (key: string) => key;

/** Filters survive leaving the screen and coming back (the marketplace is the console-wide one). */
let remembered: LocalFilters = { status: NO_FILTERS.status, shipBy: NO_FILTERS.shipBy, search: NO_FILTERS.search };
let rememberedView: { sort: OrderSort; mine: boolean } = { sort: '-updatedAt', mine: false };

/** The most orders one print holds (a pick list of a day's work, not the whole history). */
const PRINT_MAX = 200;

/** How long a request to show an order waits for it to arrive (a snapshot on its way). */
const FOCUS_WAIT_MS = 10_000;

export function OrdersScreen() {
  const { t, v, lang } = useOrdersText();
  const dispatch = useAppDispatch();
  // A busy feed re-renders at low priority: typing, keys and clicks stay responsive meanwhile.
  const rows = useDeferredValue(useAppSelector((s) => ordersSelectors.selectAll(s.orders)));
  const marketplace = useAppSelector((s) => s.ui.marketplace);
  const focus = useAppSelector((s) => s.ui.focus);
  const myId = useAppSelector((s) => s.session.user?.id);
  const connected = useAppSelector((s) => s.connection.info.state === 'connected');
  const now = useNow();

  const [local, setLocal] = useState<LocalFilters>(remembered);
  useEffect(() => {
    remembered = local;
  }, [local]);
  const filters = useMemo<OrderFilters>(() => ({ ...local, marketplace }), [local, marketplace]);
  const [view, setView] = useState(rememberedView);
  useEffect(() => {
    rememberedView = view;
  }, [view]);

  // A search, "assigned to me" or the ship-by sort asks the server, which holds every order.
  const server = useServerOrders(filters, view.sort, view.mine);
  const seq = useAppSelector((s) => s.orders.seq);
  const [answered, setAnswered] = useState<{ keys?: string[]; seq: number }>({ seq: 0 });
  if (answered.keys !== server.keys) setAnswered({ keys: server.keys, seq });

  // Ship-by windows move with the clock; other filters need not recompute on every tick.
  const clock = dependsOnTime(filters) ? now : 0;
  const liveKeys = useMemo(() => {
    const matches = orderMatcher(filters, clock);
    const mine = (r: OrderRow) => !view.mine || r.claim?.by.id === myId;
    const local = rows.filter((r) => matches(r) && mine(r));
    if (!answered.keys) return local.map((r) => r.key);
    // The server's answer in its order, what the screen filters further (open, within 4 h) applied;
    // orders that arrived or changed live since it answered and match lead.
    const named = new Set(answered.keys);
    const fresh = local.filter((r) => !named.has(r.key) && r.seq > answered.seq).map((r) => r.key);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const rest = orderMatcher({ ...filters, search: '' }, clock);
    const found = answered.keys.filter((k) => {
      const r = byKey.get(k);
      return r !== undefined && rest(r) && mine(r);
    });
    return [...fresh, ...found];
  }, [rows, filters, clock, answered, view.mine, myId]);

  // One counter for the screen's life: it remembers each row's urgency until the clock moves.
  const [countUrgent] = useState(() => urgencyCounter());
  const counts = useMemo(() => countUrgent(rows, now), [countUrgent, rows, now]);

  // Under the pointer or keyboard focus, or scrolled down, the rows hold still, so a click opens
  // the order aimed at; a held order that leaves the filter keeps its place until the hold ends.
  // Scrolled down, the new orders wait above, counted in the pill; otherwise in the header.
  const [scrolled, setScrolled] = useState(false);
  const hold = useHeldOrder(liveKeys, keyOfKey, keyOfKey, filters, scrolled);
  const keys = hold.rows;
  const newCount = scrolled ? hold.added : 0;

  // The screen fills the window below the top bar; the feed and the panel scroll inside it.
  const rootRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const fit = () => {
      const parent = el.parentElement;
      const padding = parent ? parseFloat(getComputedStyle(parent).paddingBottom) || 0 : 0;
      el.style.height = `${Math.max(0, window.innerHeight - el.getBoundingClientRect().top - padding)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const listRef = useRef<FixedSizeList | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [selectedKey, setSelectedKey] = useState<string>();
  const [activeKey, setActiveKey] = useState<string>();
  const [focusToken, setFocusToken] = useState(0);
  const [detailFocus, setDetailFocus] = useState(0);

  // A notification pointed at an order: select it (once per request).
  const [seenFocus, setSeenFocus] = useState<string>();
  const focusTarget = focus
    ? rows.find((r) => r.key === focus || r.alertKey === focus || focus.endsWith(`:${r.key}`))
    : undefined;
  if (focus && focusTarget && seenFocus !== focus) {
    setSeenFocus(focus);
    setSelectedKey(focusTarget.key);
    setActiveKey(focusTarget.key);
    // Shown where it is now, even under the pointer.
    hold.release(liveKeys);
  }
  // An order the console does not hold (older than what it keeps): the request is dropped after a
  // while rather than left to pull the detail away when that order next changes.
  const waiting = focus !== undefined && focusTarget === undefined;
  useEffect(() => {
    if (!waiting) return;
    const h = window.setTimeout(() => dispatch(focused({ view: 'orders' })), FOCUS_WAIT_MS);
    return () => window.clearTimeout(h);
  }, [waiting, focus, dispatch]);

  useEffect(() => {
    if (!seenFocus) return;
    dispatch(focused({ view: 'orders' }));
    const index = keys.indexOf(selectedKey ?? '');
    if (index >= 0) listRef.current?.scrollToItem(index, 'center');
    // Only when a request was taken: later key changes must not scroll the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seenFocus, dispatch]);

  useEffect(() => {
    if (detailFocus > 0) headingRef.current?.focus();
  }, [detailFocus]);

  const changeFilters = useCallback(
    (patch: Partial<OrderFilters>) => {
      const { marketplace: mp, ...rest } = patch;
      if (mp !== undefined) dispatch(marketplaceChosen(mp));
      if (Object.keys(rest).length > 0) setLocal((f) => ({ ...f, ...rest }));
      listRef.current?.scrollTo(0);
    },
    [dispatch],
  );

  // Printing: the listed orders (at most PRINT_MAX) become print pages, then the print dialog opens.
  // The pages stay (hidden on screen) until the next print, so a print preview can show them.
  const [printing, setPrinting] = useState<{ keys: string[]; at: number }>();
  const printOrders = () => setPrinting({ keys: keys.slice(0, PRINT_MAX), at: Date.now() });
  useEffect(() => {
    if (printing)
      void getBridge()
        .print()
        .catch(() => undefined);
  }, [printing]);
  const printed = useMemo(() => {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return (printing?.keys ?? []).flatMap((k) => byKey.get(k) ?? []);
  }, [printing, rows]);

  const setViewPatch = useCallback((patch: Partial<{ sort: OrderSort; mine: boolean }>) => {
    setView((v0) => ({ ...v0, ...patch }));
    listRef.current?.scrollTo(0);
  }, []);

  const closeDetail = () => {
    const key = selectedKey;
    setSelectedKey(undefined);
    if (!key) return;
    const index = keys.indexOf(key);
    if (index >= 0) {
      setActiveKey(key);
      listRef.current?.scrollToItem(index);
      setFocusToken((n) => n + 1);
    }
  };

  // Stable handlers: the memoised table re-renders when what it shows changes, not on every
  // batch's urgent render (the rows themselves follow at low priority).
  const requestFocus = useCallback(() => setFocusToken((n) => n + 1), []);
  const openOrder = useCallback((key: string, byKeyboard: boolean) => {
    setSelectedKey(key);
    if (byKeyboard) setDetailFocus((n) => n + 1);
  }, []);
  const { release } = hold;
  const jumpTop = useCallback(() => {
    listRef.current?.scrollTo(0);
    release();
  }, [release]);

  const selected = selectedKey !== undefined && rows.some((r) => r.key === selectedKey) ? selectedKey : undefined;
  // The open order stays in the store however many newer ones arrive, so its detail stays open.
  useEffect(() => {
    dispatch(orderPinned(selected));
  }, [selected, dispatch]);
  const liveState = !connected ? undefined : hold.held ? 'paused' : 'live';

  // Escape closes the panel: from inside it, or when the focus was lost (a button went away).
  const detailRef = useRef<HTMLElement>(null);
  const closeRef = useRef<() => void>(undefined);
  useEffect(() => {
    closeRef.current = selected ? closeDetail : undefined;
  });
  // One function for the panel's lifetime, so the memoised panel does not re-render with the feed.
  const onCloseDetail = useCallback(() => closeRef.current?.(), []);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as Node | null;
      const inPanel = target === document.body || (target !== null && detailRef.current?.contains(target));
      if (e.key !== 'Escape' || !inPanel || !closeRef.current) return;
      e.preventDefault();
      closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section ref={rootRef} className="screen orders-screen" aria-labelledby="screen-title">
      <header className="ord-header">
        <div className="ord-title-row">
          <h1 id="screen-title">{t('nav.orders')}</h1>
          {liveState && (
            <span className="ord-live" data-state={liveState}>
              <span className="ord-live-dot" aria-hidden="true" />
              {liveState === 'live'
                ? v('live')
                : hold.added > 0 && !scrolled
                  ? v('pausedNew', { count: hold.added })
                  : v('paused')}
            </span>
          )}
          <span className="ord-spacer" />
          <ExportButton request={{ resource: 'orders', params: exportParams(filters, view.sort, view.mine) }} />
          <button
            type="button"
            className="ord-button ord-button-ghost"
            title={v('print.hint')}
            disabled={keys.length === 0}
            onClick={printOrders}
          >
            {v('print.button')}
          </button>
          <OrdersPresence />
        </div>
        <p className="ord-summary">
          <span data-testid="orders-summary">
            {server.total !== undefined && server.totalCapped
              ? v('foundMore', { total: formatNumber(server.total, lang) })
              : server.total !== undefined
                ? v('found', { count: server.total, total: formatNumber(server.total, lang) })
                : v('summary', { shown: formatNumber(liveKeys.length, lang), total: formatNumber(rows.length, lang) })}
          </span>
          {server.loading && <span className="ord-muted">{v('searching')}</span>}
          {server.error && (
            <span className="ord-chip" data-tone="bad" role="status">
              {v('searchFailed')}
            </span>
          )}
          {counts.late > 0 && (
            <span className="ord-chip" data-tone="bad">
              {v('late', { count: counts.late })}
            </span>
          )}
          {counts.soon > 0 && (
            <span className="ord-chip" data-tone="warn">
              {v('soon', { count: counts.soon })}
            </span>
          )}
        </p>
      </header>
      <OrderFiltersBar
        filters={filters}
        onChange={changeFilters}
        sort={view.sort}
        mine={view.mine}
        onView={setViewPatch}
      />
      <div className="ord-layout" data-detail={selected ? 'open' : 'closed'}>
        <OrderTable
          keys={keys}
          selectedKey={selected}
          activeKey={activeKey}
          myId={myId}
          listRef={listRef}
          newCount={newCount}
          focusToken={focusToken}
          empty={rows.length === 0 ? v('empty') : isFiltered(filters) ? v('noMatch') : v('empty')}
          onActivate={setActiveKey}
          onRequestFocus={requestFocus}
          onOpen={openOrder}
          onScrolledChange={setScrolled}
          onJumpTop={jumpTop}
          holdProps={hold.regionProps}
        />
        <section
          className="ord-detail"
          aria-labelledby={selected ? 'order-detail-title' : 'order-detail-empty'}
          data-testid="order-detail"
          ref={detailRef}
        >
          {selected ? (
            <OrderDetail key={selected} orderKey={selected} onClose={onCloseDetail} headingRef={headingRef} />
          ) : (
            <div className="ord-detail-empty">
              <h2 id="order-detail-empty">{v('detail.placeholderTitle')}</h2>
              <p>{v('detail.placeholder')}</p>
              <p className="ord-muted ord-small">{v('feedHint')}</p>
            </div>
          )}
        </section>
      </div>
      {printing && <PrintSheets orders={printed} printedAt={printing.at} />}
    </section>
  );
}
