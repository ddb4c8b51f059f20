// Keeps stored text that could not be used under a key of its own, `<key>.corrupt-<time>`, before
// anything writes over it: once per distinct text, so a store left as it is gains no copy a launch.
import type { KeyValueStore, Logger } from './ports';

/** The longest key the file store takes (main/adapters/fileStore.ts: `^[A-Za-z0-9._-]{1,100}$`). */
const MAX_KEY_LENGTH = 100;

export interface CorruptCopy {
  backupKey: string;
  /** The same text was kept there already (an earlier launch): no new copy was made. */
  existing: boolean;
}

/**
 * Copies `raw`, the text stored under `key`, aside; rejects when the copy cannot be written (the
 * caller must then leave the original as it is).
 */
export async function keepCorruptCopy(
  ports: { store: KeyValueStore; logger: Logger },
  key: string,
  raw: string,
  now: number,
): Promise<CorruptCopy> {
  const { store, logger } = ports;
  // ISO 8601 basic format: the file store allows no ':' in a key.
  const suffix = `.corrupt-${new Date(now).toISOString().replace(/[-:]/g, '')}`;
  const base = baseOf(key, suffix.length);
  // Names the last copy: the store cannot list its keys, and the copies are named by time.
  const latestKey = `${base}.corrupt-latest`;
  const latest = await store.get(latestKey).catch(() => undefined);
  if (latest?.startsWith(`${base}.corrupt-`) && latest !== latestKey) {
    const kept = await store.get(latest).catch(() => undefined);
    if (kept === raw) return { backupKey: latest, existing: true };
  }
  const backupKey = `${base}${suffix}`;
  await store.set(backupKey, raw);
  await store.set(latestKey, backupKey).catch((err: unknown) => {
    // The copy is kept; only the next launch may make another.
    logger.warn({ key, latestKey, err: String(err) }, 'where the corrupt copy is could not be noted');
  });
  return { backupKey, existing: false };
}

/**
 * What the copies' keys start with: `key`, or when that would make them too long for the store, as
 * much of it as fits and a hash of the whole (the same every time, and apart for another key).
 */
function baseOf(key: string, suffixLength: number): string {
  if (key.length + suffixLength <= MAX_KEY_LENGTH) return key;
  const hash = `-${fnv1a(key)}`;
  return key.slice(0, MAX_KEY_LENGTH - suffixLength - hash.length) + hash;
}

/** FNV-1a, 32 bits, as 8 hex digits: core has no synchronous digest that runs in both hosts. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
