// The live order feed as a virtualised grid (react-window): only the rows in view are in the DOM,
// each row reads its own order from the store, so a batch re-renders the rows it changed.
// Keyboard: one row is the tab stop; arrows, Page Up/Down, Home/End move; Enter or Space opens.
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { FixedSizeList, type ListChildComponentProps, type ListOnItemsRenderedProps } from 'react-window';
import { useAppSelector } from '../../app/store';
import { formatDateTime, formatNear, formatNumber } from '../../format';
import { Avatar, ShipByCountdown, StatusBadge } from './bits';
import { money, useOrdersText } from './text';
import type { HeldOrder } from '../../ui/useHeldOrder';
import type { OrderRow } from './ordersSlice';
import { useElementSize } from './useElementSize';

export const ROW_HEIGHT = 40;

const COLUMNS = [
  'orderNo',
  'marketplace',
  'status',
  'total',
  'items',
  'city',
  'orderedAt',
  'shipBy',
  'holder',
] as const;

interface RowData {
  keys: readonly string[];
  selectedKey?: string;
  activeKey?: string;
  tabStopKey?: string;
  /** Bumped by keyboard moves: the active row takes focus when it renders. */
  focusToken: number;
  myId?: string;
  onRowClick: (key: string) => void;
}

const OrderGridRow = memo(function OrderGridRow({ index, style, data }: ListChildComponentProps<RowData>) {
  const key = data.keys[index] ?? '';
  const row = useAppSelector((s) => s.orders.entities[key]);
  const ref = useRef<HTMLDivElement>(null);
  const isActive = key === data.activeKey;
  const { focusToken } = data;

  useEffect(() => {
    const el = ref.current;
    if (!isActive || focusToken === 0 || !el) return;
    const current = document.activeElement;
    // Follow the keyboard only while it is in the grid (or was lost with an unmounted row).
    if (current && current !== document.body && !el.closest('[role="grid"]')?.contains(current)) return;
    if (current !== el) el.focus({ preventScroll: true });
  }, [isActive, focusToken]);

  if (!row) return <div style={style} />;
  const mine = row.claim !== undefined && row.claim.by.id === data.myId;
  return (
    <div
      ref={ref}
      role="row"
      style={style}
      className="ord-row"
      aria-rowindex={index + 2}
      aria-selected={key === data.selectedKey}
      tabIndex={key === data.tabStopKey ? 0 : -1}
      data-order-key={key}
      data-order-number={row.orderNumber}
      data-priority={row.priority}
      data-active={isActive || undefined}
      onClick={() => data.onRowClick(key)}
    >
      <OrderRowCells row={row} mine={mine} />
    </div>
  );
});

/**
 * A row's cells. A new order at the top moves every row down (a new position and index), so the
 * row around them re-renders on every batch; the cells, with their texts and formats, only when
 * their order or its holder changes.
 */
const OrderRowCells = memo(function OrderRowCells({ row, mine }: { row: OrderRow; mine: boolean }) {
  const { t, v, lang } = useOrdersText();
  return (
    <>
      <div role="gridcell" className="ord-c ord-c-orderNo">
        <span className="ord-no">{row.orderNumber}</span>
        {/* Shown instead of the marketplace column when the feed is narrow. */}
        <span className="ord-no-mp">{row.marketplace ? t(`marketplace.${row.marketplace}`) : '—'}</span>
      </div>
      <div role="gridcell" className="ord-c ord-c-marketplace">
        <span className="ord-mp" data-mp={row.marketplace ?? 'other'}>
          {row.marketplace ? t(`marketplace.${row.marketplace}`) : '—'}
        </span>
      </div>
      <div role="gridcell" className="ord-c ord-c-status">
        <StatusBadge status={row.status} t={t} />
      </div>
      <div role="gridcell" className="ord-c ord-c-total ord-num">
        {money(row.total, lang)}
      </div>
      <div role="gridcell" className="ord-c ord-c-items ord-num">
        {formatNumber(row.itemCount, lang)}
      </div>
      <div role="gridcell" className="ord-c ord-c-city">
        {row.city ?? '—'}
      </div>
      <div role="gridcell" className="ord-c ord-c-orderedAt ord-num">
        {/* Today's orders by their time (the date is in the tooltip): the column stays narrow. */}
        <time dateTime={row.orderedAt} title={formatDateTime(row.orderedAt, lang)}>
          {formatNear(row.orderedAt, Date.now(), lang)}
        </time>
      </div>
      <div role="gridcell" className="ord-c ord-c-shipBy">
        <ShipByCountdown row={row} v={v} />
      </div>
      <div role="gridcell" className="ord-c ord-c-holder">
        {row.claim ? (
          <span className="ord-holder" data-mine={mine || undefined}>
            <Avatar id={row.claim.by.id} name={row.claim.by.name} />
            <span className="ord-holder-name">
              {row.claim.by.name}
              {mine && <span className="sr-only"> ({v('you')})</span>}
            </span>
          </span>
        ) : (
          <span className="ord-muted">—</span>
        )}
      </div>
    </>
  );
});

/** The column headers: the same texts until the language changes, whatever the feed does. */
const OrderTableHead = memo(function OrderTableHead() {
  const { v } = useOrdersText();
  return (
    <div role="rowgroup" className="ord-head">
      <div role="row" className="ord-row ord-row-head" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div key={c} role="columnheader" className={`ord-c ord-c-${c}`}>
            {v(`columns.${c}`)}
          </div>
        ))}
      </div>
    </div>
  );
});

export interface OrderTableProps {
  keys: readonly string[];
  selectedKey?: string;
  activeKey?: string;
  myId?: string;
  listRef: RefObject<FixedSizeList<RowData> | null>;
  /** New orders held back while the feed is paused (scrolled down). */
  newCount: number;
  /** Bumped to move keyboard focus to the active row once it is rendered. */
  focusToken: number;
  onRequestFocus: () => void;
  empty: string;
  onActivate: (key: string) => void;
  onOpen: (key: string, byKeyboard: boolean) => void;
  onScrolledChange: (scrolled: boolean) => void;
  onJumpTop: () => void;
  /** The screen holds the rows still while the pointer or keyboard focus is in the table. */
  holdProps?: HeldOrder<string>['regionProps'];
}

/** Memoised: the screen renders on every batch; the table when its rows, selection or texts change. */
export const OrderTable = memo(function OrderTable(props: OrderTableProps) {
  const { keys, selectedKey, activeKey, listRef, focusToken, onActivate, onOpen } = props;
  const { v } = useOrdersText();
  const id = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(bodyRef);
  const [rendered, setRendered] = useState({ start: 0, stop: -1, first: 0 });

  const activeIndex = activeKey ? keys.indexOf(activeKey) : -1;
  const tabStopKey =
    activeIndex >= rendered.start && activeIndex <= rendered.stop && activeKey
      ? activeKey
      : (keys[Math.min(rendered.first, keys.length - 1)] ?? keys[0]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(keys.length - 1, index));
    const key = keys[next];
    if (key === undefined) return;
    onActivate(key);
    listRef.current?.scrollToItem(next);
    props.onRequestFocus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = (e.target as HTMLElement).dataset.orderKey;
    if (!key || (e.target as HTMLElement).getAttribute('role') !== 'row') return;
    const index = keys.indexOf(key);
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: keys.length - 1,
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(key);
      onOpen(key, true);
    } else if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      moveTo(moves[e.key] ?? index);
    }
  };

  const onItemsRendered = (r: ListOnItemsRenderedProps) =>
    setRendered((p) =>
      p.start === r.overscanStartIndex && p.stop === r.overscanStopIndex && p.first === r.visibleStartIndex
        ? p
        : { start: r.overscanStartIndex, stop: r.overscanStopIndex, first: r.visibleStartIndex },
    );

  const data: RowData = {
    keys,
    selectedKey,
    activeKey,
    tabStopKey,
    focusToken,
    myId: props.myId,
    onRowClick: (key) => {
      onActivate(key);
      onOpen(key, false);
    },
  };

  return (
    <div className="ord-table" {...props.holdProps}>
      <div
        role="grid"
        className="ord-grid"
        aria-label={v('feedLabel')}
        aria-describedby={`${id}-hint`}
        aria-rowcount={keys.length + 1}
        data-testid="orders-grid"
        onKeyDown={onKeyDown}
      >
        <OrderTableHead />
        <div className="ord-body" ref={bodyRef}>
          {height > 0 && keys.length > 0 && (
            <FixedSizeList<RowData>
              ref={listRef}
              className="ord-scroll"
              height={height}
              width="100%"
              itemCount={keys.length}
              itemSize={ROW_HEIGHT}
              itemData={data}
              itemKey={(index, d) => d.keys[index] ?? index}
              overscanCount={6}
              onItemsRendered={onItemsRendered}
              onScroll={({ scrollOffset }) => props.onScrolledChange(scrollOffset > ROW_HEIGHT / 2)}
            >
              {OrderGridRow}
            </FixedSizeList>
          )}
        </div>
      </div>
      <p id={`${id}-hint`} className="sr-only">
        {v('feedHint')}
      </p>
      {keys.length === 0 && <p className="ord-empty">{props.empty}</p>}
      {props.newCount > 0 && (
        <button type="button" className="ord-new-pill" onClick={props.onJumpTop}>
          <span aria-hidden="true">↑</span> {v('newOrders', { count: props.newCount })}
        </button>
      )}
    </div>
  );
});
