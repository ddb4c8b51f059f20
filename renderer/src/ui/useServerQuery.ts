// A query of the gateway's stored lists for a screen: sent a moment after the last change of its
// parameters (typing), the newest request winning (an older answer is dropped), checked by schema.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { QueryRequest } from '../../../protocol';
import { getBridge } from '../bridge';

export const QUERY_DEBOUNCE_MS = 300;

export interface ServerAnswer<T> {
  data?: T;
  loading: boolean;
  error?: string;
}

/** `request` undefined: nothing to ask (the screen's live rows serve). */
export function useServerQuery<S extends z.ZodType>(
  request: QueryRequest | undefined,
  schema: S,
): ServerAnswer<z.infer<S>> {
  const key = request ? JSON.stringify(request) : '';
  const [answer, setAnswer] = useState<ServerAnswer<z.infer<S>> & { for?: string }>({ loading: false });
  useEffect(() => {
    if (!key) return;
    let current = true;
    const timer = window.setTimeout(() => {
      getBridge()
        .query(JSON.parse(key) as QueryRequest)
        .then((raw) => {
          if (current) setAnswer({ for: key, data: schema.parse(raw), loading: false });
        })
        .catch((err: unknown) => {
          if (!current) return;
          const message = typeof err === 'object' && err && 'message' in err ? String(err.message) : String(err);
          setAnswer({ for: key, loading: false, error: message });
        });
    }, QUERY_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key, schema]);
  if (!key) return { loading: false };
  if (answer.for !== key) return { loading: true };
  const { for: _for, ...rest } = answer;
  return rest;
}
