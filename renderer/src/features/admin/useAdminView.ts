// One view of the admin console, read through the bridge and read again every few seconds while the
// screen shows it and the window is visible. A failed read keeps what was shown, says why and when
// it dates from, and is tried again on the next tick.
import { useEffect, useState } from 'react';
import type { AdminData, AdminView, ErrorPayload } from '../../../../protocol';
import { getBridge } from '../../bridge';

export const ADMIN_REFRESH_MS = 3_000;

type AdminDataMap = { [D in AdminData as D['view']]: D['data'] };
export type AdminDataOf<V extends AdminView> = AdminDataMap[V];

export interface AdminViewState<V extends AdminView> {
  data?: AdminDataOf<V>;
  /** When `data` was read. */
  at?: number;
  /** The last read's failure, cleared by the next success. */
  error?: ErrorPayload;
  loading: boolean;
}

export function payloadOf(err: unknown): ErrorPayload {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const message = 'message' in err && typeof err.message === 'string' ? err.message : '';
    return { code: err.code as ErrorPayload['code'], message };
  }
  return { code: 'internal', message: String(err) };
}

export function useAdminView<V extends AdminView>(view: V, refreshMs = ADMIN_REFRESH_MS): AdminViewState<V> {
  const [state, setState] = useState<AdminViewState<V>>({ loading: true });
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      timer = undefined;
      let again = true;
      if (document.visibilityState === 'visible') {
        setState((s) => ({ ...s, loading: true }));
        try {
          const res = await getBridge().adminRead(view);
          const data = res.data as AdminDataOf<V>;
          if (alive && res.view === view) setState({ data, at: Date.now(), loading: false });
        } catch (err) {
          const error = payloadOf(err);
          // Only an administrator may read: a refusal is not asked again and again.
          again = error.code !== 'forbidden' && error.code !== 'unauthorized';
          if (alive) setState((s) => ({ ...s, error, loading: false }));
        }
      }
      if (alive && again) timer = setTimeout(() => void read(), refreshMs);
    };
    void read();
    return () => {
      alive = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [view, refreshMs]);
  return state;
}
