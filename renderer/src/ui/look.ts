// How a state looks on the operations screens: a tone (one colour per meaning, see ui.css) and an
// icon shape, always beside a word that says the same.
import type { Priority } from '../../../protocol';

export type Tone = 'critical' | 'high' | 'normal' | 'low' | 'ok' | 'warn' | 'bad' | 'muted' | 'info';
export type IconShape = 'octagon' | 'triangle' | 'info' | 'down' | 'check' | 'cross' | 'dash' | 'clock';

/** A state's tone and icon together, for tables that map states to looks. */
export interface Look {
  tone: Tone;
  icon: IconShape;
}

export const PRIORITY_ICON: Record<Priority, IconShape> = {
  critical: 'octagon',
  high: 'triangle',
  normal: 'info',
  low: 'down',
};
