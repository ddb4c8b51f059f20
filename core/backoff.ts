// When to try again after the connection drops: quick at first (a Wi-Fi blip), patient later.

export interface BackoffPolicy {
  /**
   * The first retry comes within this (ms), spread evenly over it: when a whole office drops at
   * once (a gateway restart, the office's line), its desks arrive over this window, at a rate a
   * gateway admits (1,500 desks over 1 s), rather than in one burst.
   */
  firstMs: number;
  /**
   * Delays stay at or below this while the outage is young (`burstPhaseMs`): a gateway restart
   * takes seconds, and a console should be back within half a second of its gateway, not a second.
   */
  burstCapMs: number;
  /** How long the young phase lasts (ms). */
  burstPhaseMs: number;
  /** Delays stay at or below this during the first minute of an outage. */
  earlyCapMs: number;
  /** How long the early phase lasts (ms). */
  earlyPhaseMs: number;
  /** Delays never exceed this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  firstMs: 1000,
  // A console waits at most 0.5 s after its gateway is back during the first 10 s of an outage
  // (a restart), at most 1 s during the rest of its first minute. Retries against a gateway that
  // is down are refused by the kernel: cheap for both sides (1,500 desks: ~4,000 refusals/s for
  // 10 s, then ~2,000/s).
  burstCapMs: 500,
  burstPhaseMs: 10_000,
  earlyCapMs: 1000,
  earlyPhaseMs: 60_000,
  capMs: 30_000,
};

/**
 * Delay before reconnect attempt `attempt` (1-based), `outageMs` into the outage. The first is
 * spread evenly over [0, firstMs]; later ones are exponential with jitter below the ceiling, so a
 * thousand desks reconnecting after a gateway restart spread out.
 */
export function backoffDelay(
  attempt: number,
  outageMs: number,
  random: number,
  p: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  if (attempt <= 1) return Math.round(random * p.firstMs);
  const phaseCap = outageMs < p.burstPhaseMs ? p.burstCapMs : outageMs < p.earlyPhaseMs ? p.earlyCapMs : p.capMs;
  const ceiling = Math.min(phaseCap, p.firstMs * 2 ** Math.max(0, attempt - 1));
  // Keep a floor of half the ceiling so late retries do not bunch near zero.
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
