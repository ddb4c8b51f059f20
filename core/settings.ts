// User settings kept through the store port: validated on every read and write.
import { DEFAULT_SETTINGS, Settings, SettingsPatch, parseOrThrow } from '../protocol';
import type { KeyValueStore, Logger } from './ports';

const KEY = 'settings';

/** Keeps each stored field that is still valid; anything unknown or invalid takes its default. */
function salvage(stored: unknown, logger: Logger): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    logger.warn({ key: KEY }, 'stored settings are not an object: using defaults');
    return out as Settings;
  }
  const dropped: string[] = [];
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const value = (stored as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const field = schema.safeParse(value);
    if (field.success) out[key] = field.data;
    else dropped.push(key);
  }
  if (dropped.length > 0) logger.warn({ key: KEY, dropped }, 'invalid stored settings replaced by defaults');
  return out as Settings;
}

export async function readSettings(store: KeyValueStore, logger: Logger): Promise<Settings> {
  const raw = await store.get(KEY);
  if (raw === undefined) return { ...DEFAULT_SETTINGS };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    logger.warn({ key: KEY }, 'stored settings unreadable: using defaults');
    return { ...DEFAULT_SETTINGS };
  }
  // An older or newer file stays usable: its valid fields are kept one by one.
  return salvage(stored, logger);
}

export async function writeSettings(store: KeyValueStore, logger: Logger, patch: unknown): Promise<Settings> {
  const valid = parseOrThrow(SettingsPatch, patch, 'settings');
  const next = Settings.parse({ ...(await readSettings(store, logger)), ...valid });
  await store.set(KEY, JSON.stringify(next));
  return next;
}
