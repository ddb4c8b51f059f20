// A figure that morphs to its new value: a short ease-out count written straight to the element
// on animation frames (no React render per frame), or at once when motion is off.
import { useLayoutEffect, useRef } from 'react';
import { EM_DASH } from './kpiFormat';

export const TWEEN_MS = 450;

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;

/**
 * Returns the ref of the element that shows the figure. `undefined` shows an em dash. The first
 * value and any value while `animate` is false are written at once.
 */
export function useNumberTween<E extends HTMLElement>(
  target: number | undefined,
  format: (value: number) => string,
  animate: boolean,
  durationMs = TWEEN_MS,
) {
  const ref = useRef<E>(null);
  /** What the element shows now, mid-tween included, so a new target starts from there. */
  const shown = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const from = shown.current;
    if (target === undefined) {
      shown.current = undefined;
      el.textContent = EM_DASH;
      return;
    }
    if (!animate || from === undefined || from === target || typeof requestAnimationFrame !== 'function') {
      shown.current = target;
      el.textContent = format(target);
      return;
    }
    el.textContent = format(from);
    let start: number | undefined;
    let frame = 0;
    const step = (now: number) => {
      start ??= now;
      const t = Math.min(1, (now - start) / durationMs);
      const value = t === 1 ? target : from + (target - from) * easeOutCubic(t);
      shown.current = value;
      el.textContent = format(value);
      if (t < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [target, format, animate, durationMs]);

  return ref;
}
