// A live list that holds still while someone works in it: while a mouse or pen hovers over the
// region, or keyboard focus is inside it, the rows keep the places they had, so a click or key
// press lands on the row it was aimed at. Rows still update in place; a row that leaves the live
// list (filtered out, dropped from the store) keeps its place, as it was when the hold began,
// until the hold ends. What changed meanwhile is counted (rows new to the list, whether the order moved).
//
// The hold ends when the pointer leaves, keyboard focus leaves (checked against the document, so
// a focused element that disappears does not keep it), the window loses focus or is hidden, the
// region goes away, or what the list shows changes (its filters); a list may add a reason of its
// own (scrolled down). Touch does not hold: a tap is
// over before the list would move, and its pointerleave comes before its click.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';

export interface HeldOrder<T> {
  /** The rows to show: the live list, or the held rows (current, else as when the hold began). */
  rows: readonly T[];
  held: boolean;
  /** Live rows not among the held ones. */
  added: number;
  /** Urgent rows (the alert centre: criticals) new to the list, or held rows that became urgent. */
  addedUrgent: number;
  /** The live order differs from the held one (new rows, moved rows or rows gone). */
  changed: boolean;
  /** Shows the live list now, or `live` when given (held again from it while the hold lasts). */
  release: (live?: readonly T[]) => void;
  /** Spread on the element around the list. */
  regionProps: {
    ref: (el: HTMLElement | null) => void;
    onPointerEnter: (e: PointerEvent<HTMLElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLElement>) => void;
    onPointerLeave: (e: PointerEvent<HTMLElement>) => void;
  };
}

/** Keyboard focus inside the region: a focused element there that shows its focus ring. */
function keyboardFocusIn(region: HTMLElement | null): boolean {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  if (!region || !active || !region.contains(active)) return false;
  try {
    return active.matches(':focus-visible');
  } catch {
    // A DOM without :focus-visible: any focus inside counts.
    return true;
  }
}

/** A held list: its keys in order, and each row as it was when the hold began. */
interface Held<T> {
  keys: readonly string[];
  rows: ReadonlyMap<string, T>;
}

function snapshot<T>(rows: readonly T[], keyOf: (row: T) => string): Held<T> {
  const byKey = new Map<string, T>();
  for (const r of rows) byKey.set(keyOf(r), r);
  return { keys: [...byKey.keys()], rows: byKey };
}

export function useHeldOrder<T>(
  live: readonly T[],
  keyOf: (row: T) => string,
  current: (key: string) => T | undefined,
  /** What the list shows (its filters): when it changes, a held list is held anew from the live one. */
  scope?: unknown,
  /** Another reason of the list's own to hold still (the orders table scrolled down). */
  also = false,
  /** Rows whose arrival the notice must name apart (never hidden by a hold). */
  urgent?: (row: T) => boolean,
): HeldOrder<T> {
  const [heldList, setHeldList] = useState<Held<T> | null>(null);
  const liveRef = useRef(live);
  const keyOfRef = useRef(keyOf);
  useLayoutEffect(() => {
    liveRef.current = live;
    keyOfRef.current = keyOf;
  });
  const region = useRef<HTMLElement | null>(null);
  const pointer = useRef(false);
  const alsoRef = useRef(also);

  const update = useCallback((fresh: boolean, from?: readonly T[]) => {
    const hold = pointer.current || alsoRef.current || keyboardFocusIn(region.current);
    setHeldList((prev) =>
      hold ? ((fresh ? null : prev) ?? snapshot(from ?? liveRef.current, keyOfRef.current)) : null,
    );
  }, []);
  const release = useCallback((from?: readonly T[]) => update(true, from), [update]);

  const [heldScope, setHeldScope] = useState(scope);
  if (!Object.is(scope, heldScope)) {
    // Adjusting state while rendering: the user asked for other rows, so they show at once.
    setHeldScope(scope);
    if (heldList) setHeldList(snapshot(live, keyOf));
  }

  // Before paint, so the rows on screen when the reason came are the ones held.
  useLayoutEffect(() => {
    if (alsoRef.current === also) return;
    alsoRef.current = also;
    update(false);
  }, [also, update]);

  // Focus moving anywhere, the window losing focus or being hidden: the hold is looked at again.
  useEffect(() => {
    // After the focus has moved: focusout comes before the new element has it.
    const recheck = () => queueMicrotask(() => update(false));
    const away = () => {
      if (document.visibilityState === 'visible' && document.hasFocus()) return;
      pointer.current = false;
      update(false);
    };
    document.addEventListener('focusin', recheck);
    document.addEventListener('focusout', recheck);
    document.addEventListener('visibilitychange', away);
    window.addEventListener('blur', away);
    return () => {
      document.removeEventListener('focusin', recheck);
      document.removeEventListener('focusout', recheck);
      document.removeEventListener('visibilitychange', away);
      window.removeEventListener('blur', away);
    };
  }, [update]);

  const regionProps = useMemo<HeldOrder<T>['regionProps']>(
    () => ({
      ref: (el) => {
        region.current = el;
        if (!el) {
          // The list went away (nothing to show): no pointer is over it any more.
          pointer.current = false;
          update(false);
        }
      },
      onPointerEnter: (e) => {
        if (e.pointerType === 'touch') return;
        pointer.current = true;
        update(false);
      },
      // The list may have appeared under a resting pointer (no enter then): its first move holds it.
      onPointerMove: (e) => {
        if (pointer.current || e.pointerType === 'touch') return;
        pointer.current = true;
        update(false);
      },
      onPointerLeave: () => {
        pointer.current = false;
        update(false);
      },
    }),
    [update],
  );

  const { rows, added, addedUrgent, changed } = useMemo(() => {
    if (!heldList) return { rows: live, added: 0, addedUrgent: 0, changed: false };
    const { keys } = heldList;
    const rows = keys.map((k) => current(k) ?? (heldList.rows.get(k) as T));
    let added = 0;
    let addedUrgent = 0;
    for (const r of live) {
      const was = heldList.rows.get(keyOf(r));
      if (was === undefined) added += 1;
      // New, or held while it was not urgent yet (an alert that escalated in place).
      if (urgent?.(r) && (was === undefined || !urgent(was))) addedUrgent += 1;
    }
    const changed = addedUrgent > 0 || live.length !== keys.length || live.some((r, i) => keyOf(r) !== keys[i]);
    return { rows, added, addedUrgent, changed };
  }, [heldList, live, current, keyOf, urgent]);

  return { rows, held: heldList !== null, added, addedUrgent, changed, release, regionProps };
}
