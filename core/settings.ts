// User settings kept through the store port: validated on every read and write.
import { DEFAULT_SETTINGS, Settings, SettingsPatch, parseOrThrow } from '../protocol';
import type { KeyValueStore, Logger } from './ports';

const KEY = 'settings';

export async function readSettings(store: KeyValueStore, logger: Logger): Promise<Settings> {
  const raw = await store.get(KEY);
  if (raw === undefined) return { ...DEFAULT_SETTINGS };
  try {
    // Unknown or missing fields fall back to defaults field by field: an older file stays usable.
    const stored = SettingsPatch.safeParse(JSON.parse(raw));
    if (stored.success) return { ...DEFAULT_SETTINGS, ...stored.data };
  } catch {
    // fall through
  }
  logger.warn({ key: KEY }, 'stored settings unreadable: using defaults');
  return { ...DEFAULT_SETTINGS };
}

export async function writeSettings(store: KeyValueStore, logger: Logger, patch: unknown): Promise<Settings> {
  const valid = parseOrThrow(SettingsPatch, patch, 'settings');
  const next = Settings.parse({ ...(await readSettings(store, logger)), ...valid });
  await store.set(KEY, JSON.stringify(next));
  return next;
}
