// Settings in electron-store (its base, conf, here): schema-checked, defaults filled, and the 0.1
// settings file brought over once.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../protocol';
import { MemoryStore } from '../core/test/fakes';
import { settingsKeyValueStore, settingsStoreOptions } from './settingsStore';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (version: string) => new Conf({ cwd: dir, projectVersion: version, ...settingsStoreOptions(dir) });

describe('settings store', () => {
  it('starts with the defaults and refuses a value outside the schema', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-settings-'));
    const conf = open('0.2.0');
    const { __internal__: _i, ...values } = conf.store as Record<string, unknown>;
    expect(values).toEqual(DEFAULT_SETTINGS);
    expect(() => conf.set('language', 'de')).toThrow();
    expect(conf.get('language')).toBe('tr');
  });

  it('migrates the 0.1 settings file once, and renames it', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-settings-'));
    mkdirSync(path.join(dir, 'store'));
    writeFileSync(path.join(dir, 'store', 'settings.json'), JSON.stringify({ language: 'en', theme: 'dark' }));
    open('0.1.0'); // the old app: nothing to migrate yet
    const conf = open('0.2.0');
    expect(conf.get('language')).toBe('en');
    expect(conf.get('theme')).toBe('dark');
    expect(conf.get('sound')).toEqual(DEFAULT_SETTINGS.sound);
    expect(existsSync(path.join(dir, 'store', 'settings.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'store', 'settings.json.migrated'))).toBe(true);
  });

  it('serves core’s `settings` key from the store and every other key from the file store', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-settings-'));
    const conf = open('0.2.0');
    const files = new MemoryStore();
    const kv = settingsKeyValueStore(conf as never, files);
    await kv.set('settings', JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'light' }));
    expect(conf.get('theme')).toBe('light');
    expect(JSON.parse((await kv.get('settings')) as string)).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    await kv.set('positions', '{"a":1}');
    expect(files.data.get('positions')).toBe('{"a":1}');
    expect(files.data.has('settings')).toBe(false);
  });
});
