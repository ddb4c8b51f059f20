// A small labelled state: icon and text in a tone.
import type { ReactNode } from 'react';
import type { IconShape, Tone } from './look';
import { StatusIcon } from './StatusIcon';
import './ui.css';

export function Pill({ tone, icon, children }: { tone: Tone; icon?: IconShape; children: ReactNode }) {
  return (
    <span className="ops-pill" data-tone={tone}>
      {icon && <StatusIcon shape={icon} />}
      <span>{children}</span>
    </span>
  );
}
