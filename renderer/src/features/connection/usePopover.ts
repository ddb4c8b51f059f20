// A disclosure popover: a button toggles a panel that follows it in the DOM (so Tab moves into it),
// Escape closes it and gives focus back to the button, a press outside closes it.
import { useCallback, useEffect, useId, useRef, useState } from 'react';

export function usePopover() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (panelRef.current?.contains(target) || buttonRef.current?.contains(target)) return;
      setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const active = document.activeElement;
      const inside = panelRef.current?.contains(active) || buttonRef.current === active;
      if (inside) {
        e.stopPropagation();
        close(true);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close]);

  const show = useCallback(() => setOpen(true), []);

  return {
    open,
    show,
    close,
    buttonRef,
    panelRef,
    buttonProps: {
      'aria-expanded': open,
      // Only while the panel exists: a reference to nothing is an error for assistive technology.
      'aria-controls': open ? id : undefined,
      onClick: () => setOpen((o) => !o),
    },
    panelProps: { id },
  };
}
