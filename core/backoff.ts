// When to try again after the connection drops: quick at first (a Wi-Fi blip), patient later.

export interface BackoffPolicy {
  /** The first retry comes within this (ms). */
  firstMs: number;
  /** Delays stay at or below this during the first minute of an outage. */
  earlyCapMs: number;
  /** How long the early phase lasts (ms). */
  earlyPhaseMs: number;
  /** Delays never exceed this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  firstMs: 500,
  earlyCapMs: 2000,
  earlyPhaseMs: 60_000,
  capMs: 30_000,
};

/**
 * Delay before reconnect attempt `attempt` (1-based), `outageMs` into the outage. Exponential with
 * full jitter below the ceiling, so a thousand desks reconnecting after a gateway restart spread out.
 */
export function backoffDelay(
  attempt: number,
  outageMs: number,
  random: number,
  p: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(
    outageMs < p.earlyPhaseMs ? p.earlyCapMs : p.capMs,
    p.firstMs * 2 ** Math.max(0, attempt - 1),
  );
  // Keep a floor of half the ceiling so late retries do not bunch near zero.
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
