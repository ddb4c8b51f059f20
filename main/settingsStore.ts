// Settings of the desktop app in electron-store (a JSON file in the user-data folder, checked
// against the protocol's schema, with migrations), seen by core through its key-value port. The
// outbox and channel positions stay in the durable file store of main/adapters.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import type { Options } from 'conf';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from '../protocol';
import type { KeyValueStore } from '../core';

type SettingsRecord = Record<string, unknown> & Settings;

/** electron-store's options (it extends conf): schema, defaults and migrations. */
export function settingsStoreOptions(userData: string): Partial<Options<SettingsRecord>> {
  const schema = z.toJSONSchema(Settings, { target: 'draft-2020-12' }) as {
    properties: Options<SettingsRecord>['schema'];
  };
  return {
    configName: 'settings',
    schema: schema.properties,
    defaults: DEFAULT_SETTINGS as SettingsRecord,
    clearInvalidConfig: true,
    migrations: {
      // 0.1 kept settings in the file store (store/settings.json): bring them over once.
      '0.2.0': (store) => {
        const legacy = path.join(userData, 'store', 'settings.json');
        if (!existsSync(legacy)) return;
        try {
          const old = Settings.partial().safeParse(JSON.parse(readFileSync(legacy, 'utf8')));
          if (old.success && Object.keys(old.data).length > 0) store.set(old.data as SettingsRecord);
        } finally {
          renameSync(legacy, `${legacy}.migrated`);
        }
      },
    },
  };
}

/** The `settings` key lives in electron-store; every other key in `files`. */
export function settingsKeyValueStore(settings: Conf<SettingsRecord>, files: KeyValueStore): KeyValueStore {
  return {
    async get(key) {
      if (key !== 'settings') return files.get(key);
      const { __internal__: _bookkeeping, ...values } = settings.store as Record<string, unknown>;
      return JSON.stringify(values);
    },
    async set(key, value) {
      if (key !== 'settings') return files.set(key, value);
      // Core validated it; the store's schema checks it again before writing.
      // set() per key keeps the store's own bookkeeping (the migration version) in place.
      settings.set(JSON.parse(value) as SettingsRecord);
    },
    async delete(key) {
      if (key !== 'settings') return files.delete(key);
      settings.clear();
    },
  };
}
