// The frame of an operations screen: its heading (the page's h1, which names the screen) and a line
// under it, then the screen's panels.
import type { ReactNode } from 'react';
import './ui.css';

export function OpsScreen({
  className,
  title,
  subtitle,
  children,
}: {
  /** The screen's own class, beside `screen ops-screen`. */
  className: string;
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={`screen ops-screen ${className}`} aria-labelledby="screen-title">
      <header className="ops-screen-head">
        <h1 id="screen-title">{title}</h1>
        <p className="ops-screen-sub">{subtitle}</p>
      </header>
      {children}
    </section>
  );
}
