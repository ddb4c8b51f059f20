// The gateway's periodic chores: old idempotency keys and projected event ids swept hourly, and
// the JWT key file read again every 30 s (a rotated key is picked up without a restart).
import type { KeyRing } from '../auth/jwtKeys';
import type { Logger } from '../logger';

const SWEEP_MS = 3600_000;
const KEY_RELOAD_MS = 30_000;

export function startHousekeeping(deps: {
  /** Removes idempotency keys past their keeping (35 days: at least the 30 promised). */
  sweepActions: () => Promise<unknown>;
  /** Removes projected event ids older than the given age. */
  sweepProjection: (olderThanMs: number) => Promise<unknown>;
  /** The log's dedupe window: projected ids outlive every producer's retry twice over. */
  dedupeSeconds: number;
  keys: Pick<KeyRing, 'reload'>;
  logger: Logger;
  onError: (where: string) => (err: unknown) => void;
}): () => void {
  const sweep = setInterval(() => {
    void deps.sweepActions().catch(deps.onError('sweep'));
    void deps.sweepProjection(2 * deps.dedupeSeconds * 1000).catch(deps.onError('sweep'));
  }, SWEEP_MS);
  sweep.unref();
  const keyReload = setInterval(() => {
    deps.keys.reload().then((changed) => changed && deps.logger.info('JWT keys reloaded'), deps.onError('keys'));
  }, KEY_RELOAD_MS);
  keyReload.unref();
  return () => {
    clearInterval(sweep);
    clearInterval(keyReload);
  };
}
