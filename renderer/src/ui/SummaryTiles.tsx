// The headline numbers of a screen, as a description list of tiles.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { IconShape, Tone } from './look';
import { StatusIcon } from './StatusIcon';
import './ui.css';

export type Tile = {
  id: string;
  label: string;
  tone?: Tone;
  icon?: IconShape;
  hint?: ReactNode;
} & (
  | { value: ReactNode; count?: never }
  // A count is written the way the current language writes numbers.
  | { count: number; value?: never }
);

export function SummaryTiles({ tiles, label }: { tiles: Tile[]; label: string }) {
  const { i18n } = useTranslation();
  return (
    <dl className="ops-tiles" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.id} className="ops-tile" data-tone={tile.tone ?? 'muted'} data-testid={`tile-${tile.id}`}>
          <dt>
            {tile.icon && <StatusIcon shape={tile.icon} />}
            {tile.label}
          </dt>
          <dd>
            <span className="ops-tile-value">
              {tile.count === undefined ? tile.value : formatNumber(tile.count, i18n.language)}
            </span>
            {tile.hint && <span className="ops-tile-hint">{tile.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
