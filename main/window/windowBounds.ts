// Where the window opens: where the person left it (size, position, maximised, display), unless
// that place is no longer on any screen (a monitor unplugged, a resolution changed) — then on the
// display it was on if that is still there, else the primary one, centred and no larger than it.
import { z } from 'zod';

export const WindowState = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
  displayId: z.number().optional(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayArea {
  id: number;
  workArea: Rect;
}

export interface Placement {
  /** Absent: let the OS centre it on the primary display. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 860 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must be on a screen for the window to be reachable with the mouse. */
const GRIP = { width: 120, height: 32 } as const;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** True when enough of the window's top strip (its title bar) lies inside the work area. */
export function isReachable(bounds: Rect, area: Rect): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: GRIP.height };
  const o = overlap(titleBar, area);
  return o.width >= Math.min(GRIP.width, bounds.width) && o.height >= GRIP.height;
}

function fit(size: { width: number; height: number }, area: Rect) {
  return {
    width: Math.min(Math.max(size.width, MIN_SIZE.width), area.width),
    height: Math.min(Math.max(size.height, MIN_SIZE.height), area.height),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const s = fit(size, area);
  return {
    ...s,
    x: Math.round(area.x + (area.width - s.width) / 2),
    y: Math.round(area.y + (area.height - s.height) / 2),
  };
}

export function placeWindow(
  saved: WindowState | undefined,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): Placement {
  if (!saved) return { ...fit(DEFAULT_SIZE, primary.workArea), maximized: false };
  const maximized = saved.maximized;
  // The display it was on first, then any other: the place it had is kept if it is reachable.
  const own = displays.find((d) => d.id === saved.displayId);
  const candidates = own ? [own, ...displays.filter((d) => d !== own)] : displays;
  const home = candidates.find((d) => isReachable(saved, d.workArea));
  if (home) {
    const size = fit(saved, home.workArea);
    return { x: saved.x, y: saved.y, ...size, maximized };
  }
  return { ...centred(saved, (own ?? primary).workArea), maximized };
}
