// A live list that holds still while someone works in it: while the pointer is over the region or
// keyboard focus is inside it, the rows keep the places they had (their contents still update), so a
// click or key press lands on the row it was aimed at. What changed meanwhile is counted (rows new
// to the list, and whether the order moved); leaving the region, or `release`, shows the live list,
// and so does a change of what the list shows (its filters).
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type FocusEvent } from 'react';

export interface HeldOrder<T> {
  /** The rows to show: the live list, or the held keys' current rows (gone ones left out). */
  rows: readonly T[];
  held: boolean;
  /** Live rows not among the held ones. */
  added: number;
  /** The live order differs from the held one (new rows, moved rows or rows gone). */
  changed: boolean;
  /** Shows the live list now, or `live` when given (held again from it while the pointer or focus stays). */
  release: (live?: readonly T[]) => void;
  /** Spread on the element around the list and whatever announces its changes. */
  regionProps: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: () => void;
    onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
}

export function useHeldOrder<T>(
  live: readonly T[],
  keyOf: (row: T) => string,
  current: (key: string) => T | undefined,
  /** What the list shows (its filters): when it changes, a held list is held anew from the live one. */
  scope?: unknown,
): HeldOrder<T> {
  const [heldKeys, setHeldKeys] = useState<readonly string[] | null>(null);
  const [heldScope, setHeldScope] = useState(scope);
  if (!Object.is(scope, heldScope)) {
    // Adjusting state while rendering: the user asked for other rows, so they show at once.
    setHeldScope(scope);
    if (heldKeys) setHeldKeys(live.map(keyOf));
  }
  const liveRef = useRef(live);
  const keyOfRef = useRef(keyOf);
  useLayoutEffect(() => {
    liveRef.current = live;
    keyOfRef.current = keyOf;
  });
  const pointer = useRef(false);
  const focus = useRef(false);

  const update = useCallback((fresh: boolean, from?: readonly T[]) => {
    const hold = pointer.current || focus.current;
    setHeldKeys((prev) =>
      hold ? ((fresh ? null : prev) ?? (from ?? liveRef.current).map((r) => keyOfRef.current(r))) : null,
    );
  }, []);
  const release = useCallback((from?: readonly T[]) => update(true, from), [update]);

  const regionProps = useMemo<HeldOrder<T>['regionProps']>(
    () => ({
      onPointerEnter: () => {
        pointer.current = true;
        update(false);
      },
      onPointerLeave: () => {
        pointer.current = false;
        update(false);
      },
      onFocus: () => {
        focus.current = true;
        update(false);
      },
      onBlur: (e) => {
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        focus.current = false;
        update(false);
      },
    }),
    [update],
  );

  const { rows, added, changed } = useMemo(() => {
    if (!heldKeys) return { rows: live, added: 0, changed: false };
    const heldSet = new Set(heldKeys);
    const rows: T[] = [];
    for (const k of heldKeys) {
      const row = current(k);
      if (row !== undefined) rows.push(row);
    }
    const added = live.reduce((n, r) => (heldSet.has(keyOf(r)) ? n : n + 1), 0);
    const changed = live.length !== heldKeys.length || live.some((r, i) => keyOf(r) !== heldKeys[i]);
    return { rows, added, changed };
  }, [heldKeys, live, current, keyOf]);

  return { rows, held: heldKeys !== null, added, changed, release, regionProps };
}
