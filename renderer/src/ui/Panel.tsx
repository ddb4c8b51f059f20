// A titled panel of a screen (section, heading, optional count and description) and the scroll
// area for what is wider than a narrow window; the area is focusable and named after the heading so
// keyboard users can scroll it too.
import type { ReactNode } from 'react';
import type { Tone } from './look';
import './ui.css';

/** The id of a panel's heading, which names the panel and its scroll area. */
export const panelTitleId = (id: string): string => `${id}-title`;

export function Panel({
  id,
  title,
  count,
  description,
  tone,
  className,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  description?: string;
  tone?: Tone;
  className?: string;
  children: ReactNode;
}) {
  const headingId = panelTitleId(id);
  return (
    <section
      className={className ? `ops-panel ${className}` : 'ops-panel'}
      aria-labelledby={headingId}
      data-testid={`panel-${id}`}
      data-tone={tone}
    >
      <header className="ops-panel-head">
        <h2 id={headingId}>
          {count === undefined ? (
            title
          ) : (
            <>
              {title} <span className="ops-count">{count}</span>
            </>
          )}
        </h2>
        {description && <p className="ops-panel-desc">{description}</p>}
      </header>
      {children}
    </section>
  );
}

export function PanelScroll({ panelId, children }: { panelId: string; children: ReactNode }) {
  return (
    <div className="ops-table-wrap" tabIndex={0} role="region" aria-labelledby={panelTitleId(panelId)}>
      {children}
    </div>
  );
}
