// Where each channel stood, kept in the store across restarts: the next run of the same user on the
// same server subscribes from there, and the log replays only what it missed.
import type { Position } from '../protocol';
import type { Ports, TimerHandle } from './ports';

const POSITIONS_KEY = 'positions';

/** Positions an earlier run saved for this user on this server (empty when none or unreadable). */
export async function readPositions(
  store: Ports['store'],
  server: string,
  userId: string | undefined,
): Promise<Record<string, Position>> {
  const raw = await store.get(POSITIONS_KEY).catch(() => undefined);
  if (!raw) return {};
  try {
    const stored = JSON.parse(raw) as { server?: unknown; userId?: unknown; channels?: Record<string, unknown> };
    if (stored.server !== server || stored.userId !== userId) return {};
    const out: Record<string, Position> = {};
    for (const [channel, pos] of Object.entries(stored.channels ?? {})) {
      const p = pos as { epoch?: unknown; offset?: unknown };
      if (typeof p?.epoch === 'string' && Number.isInteger(p.offset))
        out[channel] = { epoch: p.epoch, offset: p.offset as number };
    }
    return out;
  } catch {
    return {};
  }
}

/** Whose positions these are, and the positions themselves. */
export interface SessionPositions {
  server: string;
  userId: string | undefined;
  positions: ReadonlyMap<string, Position>;
}

/** Saves the positions at most once a second while events flow, or at once when asked. */
export class PositionsWriter {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly ports: Pick<Ports, 'store' | 'clock' | 'logger'>,
    /** What to save; undefined while there is no session. */
    private readonly current: () => SessionPositions | undefined,
  ) {}

  schedule(): void {
    if (this.timer !== undefined || !this.current()) return;
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, 1000);
  }

  async save(): Promise<void> {
    const session = this.current();
    if (!session) return;
    const value = JSON.stringify({
      server: session.server,
      userId: session.userId,
      channels: Object.fromEntries(session.positions),
    });
    await this.ports.store
      .set(POSITIONS_KEY, value)
      .catch((err: unknown) => this.ports.logger.warn({ err: String(err) }, 'positions not saved'));
  }
}
