// The server's answer to the Orders screen's filters, when they ask for more than the console
// holds: a search, "assigned to me" or the ship-by sort. Debounced while typing; a newer request
// supersedes the one in flight (its late answer is dropped). Found orders join the store, so they
// render like the others and stay live.
import { useEffect, useState } from 'react';
import { OrderPage, type OrdersQuery } from '../../../../protocol';
import { useAppDispatch } from '../../app/store';
import { getBridge } from '../../bridge';
import { ordersFound } from './ordersSlice';
import type { OrderFilters } from './orderView';

export const SEARCH_DEBOUNCE_MS = 300;
/** Orders a server search shows at once. */
export const SEARCH_LIMIT = 200;

export type OrderSort = OrdersQuery['sort'];

export interface ServerOrders {
  /** The order keys the server answered, in its order; undefined while the console's own rows serve. */
  keys?: string[];
  total?: number;
  /** The server stopped counting at `total`: more match. */
  totalCapped?: boolean;
  loading: boolean;
  error?: string;
}

/** Whether these filters need the server (otherwise the console's live rows answer them). */
export function needsServer(f: OrderFilters, sort: OrderSort, mine: boolean): boolean {
  return f.search.trim() !== '' || sort === 'shipBy' || mine;
}

/** The query string of the filters (what the server can filter; the rest is filtered on screen). */
export function serverParams(f: OrderFilters, sort: OrderSort, mine: boolean): Record<string, string> {
  const params: Record<string, string> = { sort, limit: String(SEARCH_LIMIT) };
  if (f.search.trim()) params.q = f.search.trim();
  if (f.marketplace !== 'all') params.marketplace = f.marketplace;
  if (f.status !== 'all') params.status = f.status;
  if (f.shipBy === 'late') params.shipBy = 'overdue';
  if (f.shipBy === 'today') params.shipBy = 'today';
  if (f.shipBy === 'soon') params.shipBy = 'soon';
  if (mine) params.claimedBy = 'me';
  return params;
}

/** The filter an export of the screen sends: the whole list, so no page size. */
export function exportParams(f: OrderFilters, sort: OrderSort, mine: boolean): Record<string, string> {
  const { limit: _limit, ...params } = serverParams(f, sort, mine);
  return params;
}

export function useServerOrders(filters: OrderFilters, sort: OrderSort, mine: boolean): ServerOrders {
  const dispatch = useAppDispatch();
  // The answer of the request these filters make (an older request's answer is not theirs).
  const [answer, setAnswer] = useState<ServerOrders & { for?: string }>({ loading: false });
  const active = needsServer(filters, sort, mine);
  const paramsKey = active ? JSON.stringify(serverParams(filters, sort, mine)) : '';

  useEffect(() => {
    if (!paramsKey) {
      dispatch(ordersFound([]));
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      getBridge()
        .query({ resource: 'orders', params: JSON.parse(paramsKey) as Record<string, string> })
        .then((raw) => {
          if (!current) return;
          const page = OrderPage.parse(raw);
          dispatch(ordersFound(page.items));
          setAnswer({
            for: paramsKey,
            keys: page.items.map((o) => o.orderKey),
            total: page.total,
            totalCapped: page.totalCapped === true,
            loading: false,
          });
        })
        .catch((err: unknown) => {
          if (!current) return;
          const message = typeof err === 'object' && err && 'message' in err ? String(err.message) : String(err);
          setAnswer({ for: paramsKey, loading: false, error: message });
        });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      // Superseded: not sent yet, or its answer is dropped.
      current = false;
      window.clearTimeout(timer);
    };
  }, [paramsKey, dispatch]);

  if (!paramsKey) return { loading: false };
  if (answer.for !== paramsKey) return { loading: true };
  const { for: _for, ...rest } = answer;
  return rest;
}
