// The status glyphs of the operations screens and toasts: 16 px, drawn in the current colour, with
// a mark cut out in --ops-icon-mark.
import type { ReactNode } from 'react';
import type { IconShape } from './look';
import './ui.css';

const MARK = 'var(--ops-icon-mark)';

function glyph(shape: IconShape): ReactNode {
  switch (shape) {
    case 'octagon':
      return (
        <>
          <path d="M5.2 1h5.6L15 5.2v5.6L10.8 15H5.2L1 10.8V5.2z" />
          <path d="M7.1 3.8h1.8v5.1H7.1zM7.1 10.3h1.8v1.8H7.1z" fill={MARK} />
        </>
      );
    case 'triangle':
      return (
        <>
          <path d="M8 1.2 15.4 14.4H.6z" />
          <path d="M7.1 5.4h1.8v4.4H7.1zM7.1 10.9h1.8v1.7H7.1z" fill={MARK} />
        </>
      );
    case 'info':
      return (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M7.1 7h1.8v5H7.1zM7.1 3.9h1.8v1.8H7.1z" fill={MARK} />
        </>
      );
    case 'down':
      return (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M4.6 6.2 8 9.6l3.4-3.4 1.2 1.2L8 12 3.4 7.4z" fill={MARK} />
        </>
      );
    case 'check':
      return (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="m6.8 11.2-3-3 1.2-1.2 1.8 1.8 4.3-4.3 1.2 1.2z" fill={MARK} />
        </>
      );
    case 'cross':
      return (
        <>
          <circle cx="8" cy="8" r="7" />
          <path
            d="m5.4 4.2 2.6 2.6 2.6-2.6 1.2 1.2L9.2 8l2.6 2.6-1.2 1.2L8 9.2l-2.6 2.6-1.2-1.2L6.8 8 4.2 5.4z"
            fill={MARK}
          />
        </>
      );
    case 'clock':
      return (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M7.2 3.8H9v4l2.6 1.6-.9 1.5L7.2 8.8z" fill={MARK} />
        </>
      );
    case 'dash':
      return (
        <>
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M4.8 7.2h6.4v1.6H4.8z" />
        </>
      );
  }
}

/** A status glyph; decorative (the text beside it says the same). */
export function StatusIcon({ shape, className }: { shape: IconShape; className?: string }) {
  return (
    <svg
      className={`ops-icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {glyph(shape)}
    </svg>
  );
}
