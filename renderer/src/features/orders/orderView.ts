// What the Orders screen derives from an order row: its ship-by urgency, the countdown's parts,
// whether it passes the filters. Pure functions of (row, now), so the screen and tests agree.
import { MARKETPLACES, ORDER_STATUSES, type Marketplace, type OrderPayload } from '../../../../protocol';
import type { OrderRow } from './ordersSlice';

export type OrderStatus = OrderPayload['status'];

/** Orders still to be handed to cargo: the ones a ship-by deadline applies to. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['new', 'picking', 'invoiced'];

export const isOpen = (status: OrderStatus): boolean => OPEN_STATUSES.includes(status);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Europe/Istanbul is UTC+3 all year (no DST since 2016). */
const ISTANBUL_OFFSET = 3 * HOUR;
/** "Within 4 h" and the amber tone start here. */
export const SOON_MS = 4 * HOUR;

/** The first instant of the next Istanbul day: what "due today" counts up to. */
export function istanbulDayEnd(now: number): number {
  return Math.floor((now + ISTANBUL_OFFSET) / DAY + 1) * DAY - ISTANBUL_OFFSET;
}

export type Urgency = 'none' | 'closed' | 'late' | 'soon' | 'today' | 'later';

export interface ShipByState {
  urgency: Urgency;
  /** Whole minutes left (or overdue, when late); absent without a deadline or once shipped. */
  minutes?: number;
}

/** Parsed deadlines by row: the screen reads every row's on every batch, and rows rarely change. */
const parsedDue = new WeakMap<object, { shipBy: string; due: number }>();

function dueOf(row: Pick<OrderRow, 'shipBy'>, shipBy: string): number {
  const known = parsedDue.get(row);
  if (known?.shipBy === shipBy) return known.due;
  const due = Date.parse(shipBy);
  parsedDue.set(row, { shipBy, due });
  return due;
}

export function shipByState(row: Pick<OrderRow, 'status' | 'shipBy'>, now: number): ShipByState {
  if (!isOpen(row.status)) return { urgency: 'closed' };
  if (!row.shipBy) return { urgency: 'none' };
  const due = dueOf(row, row.shipBy);
  const diff = due - now;
  if (diff <= 0) return { urgency: 'late', minutes: Math.max(1, Math.floor(-diff / MINUTE)) };
  const minutes = Math.floor(diff / MINUTE);
  if (diff <= SOON_MS) return { urgency: 'soon', minutes };
  return { urgency: due < istanbulDayEnd(now) ? 'today' : 'later', minutes };
}

/**
 * How many rows are late and due within 4 h, for the screen's header chips. The screen asks on
 * every batch over every row it holds, and a batch changes few rows: each row's urgency is kept
 * (by the row object, which a change replaces) until the clock moves.
 */
export function urgencyCounter(): (rows: readonly OrderRow[], now: number) => { late: number; soon: number } {
  let at = Number.NaN;
  let known = new WeakMap<OrderRow, Urgency>();
  return (rows, now) => {
    if (now !== at) {
      at = now;
      known = new WeakMap();
    }
    let late = 0;
    let soon = 0;
    for (const r of rows) {
      let u = known.get(r);
      if (u === undefined) {
        u = shipByState(r, now).urgency;
        known.set(r, u);
      }
      if (u === 'late') late++;
      else if (u === 'soon') soon++;
    }
    return { late, soon };
  };
}

/** Minutes split for display: days and hours past a day, hours and minutes past an hour. */
export function durationParts(minutes: number): { d: number; h: number; m: number } {
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return { d, h, m: minutes % 60 };
}

export type ShipByFilter = 'all' | 'today' | 'late' | 'soon';
export const SHIP_BY_FILTERS: readonly ShipByFilter[] = ['all', 'today', 'late', 'soon'];

export type StatusFilter = 'all' | 'open' | OrderStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'open', ...ORDER_STATUSES];
export const MARKETPLACE_FILTERS: readonly (Marketplace | 'all')[] = ['all', ...MARKETPLACES];

export interface OrderFilters {
  marketplace: Marketplace | 'all';
  status: StatusFilter;
  shipBy: ShipByFilter;
  /** Part of the order number, any case. */
  search: string;
}

export const NO_FILTERS: OrderFilters = { marketplace: 'all', status: 'all', shipBy: 'all', search: '' };

export const isFiltered = (f: OrderFilters): boolean =>
  f.marketplace !== 'all' || f.status !== 'all' || f.shipBy !== 'all' || f.search.trim() !== '';

const fold = (s: string) => s.toLocaleUpperCase('tr-TR');

/** A predicate for the filters as of `now`; build once per render, apply to every row. */
export function orderMatcher(f: OrderFilters, now: number): (row: OrderRow) => boolean {
  const needle = fold(f.search.trim());
  const dayEnd = istanbulDayEnd(now);
  return (row) => {
    if (f.marketplace !== 'all' && row.marketplace !== f.marketplace) return false;
    if (f.status === 'open' ? !isOpen(row.status) : f.status !== 'all' && row.status !== f.status) return false;
    if (needle && !fold(row.orderNumber).includes(needle)) return false;
    if (f.shipBy !== 'all') {
      if (!isOpen(row.status) || !row.shipBy) return false;
      const due = Date.parse(row.shipBy);
      if (f.shipBy === 'late' && due > now) return false;
      if (f.shipBy === 'today' && due >= dayEnd) return false;
      if (f.shipBy === 'soon' && (due <= now || due - now > SOON_MS)) return false;
    }
    return true;
  };
}

/** Whether the filters depend on the clock (ship-by windows move as time passes). */
export const dependsOnTime = (f: OrderFilters): boolean => f.shipBy !== 'all';

/** `Ayşe Yılmaz` → `AY`, Turkish casing. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return fold(first + last);
}

/** A stable colour slot (0–5) per person, for avatars. */
export function hueSlot(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 6;
}
