// LIVE_RULES: the file's defaults are the documented ones, bad files say why in one line, and a
// reload swaps the thresholds the rules read (or keeps the old ones when the file is bad).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EventInput } from '../../protocol';
import { inventoryChange, systemAlert } from '../../protocol/test/fixtures';
import { ConfigError, loadConfig } from '../config';
import { resolvedBy } from '../projection/alertRules';
import { DEFAULT_THRESHOLDS, ruleOf } from './rules';
import { DEFAULT_RULES, liveRules, parseRules, readRulesFile, RulesFileError } from './rulesFile';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'meschain-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lowStock = (sku: string): EventInput => {
  const e = inventoryChange() as Extract<EventInput, { type: 'INVENTORY_CHANGE' }>;
  return { ...e, payload: { ...e.payload, kind: 'LOW_STOCK', sku } };
};
const syncLag = (lagSec: number): EventInput => {
  const e = systemAlert() as Extract<EventInput, { type: 'SYSTEM_ALERT' }>;
  return { ...e, payload: { ...e.payload, kind: 'SYNC_LAG', lagSec } };
};
const silent = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('the rules file', () => {
  it('an empty file is every default, and the defaults are the thresholds the rules used before', () => {
    expect(parseRules('', 'empty.yaml')).toEqual(DEFAULT_RULES);
    expect(DEFAULT_THRESHOLDS).toEqual({
      autoCancelNearMs: 4 * 3600_000,
      rateLimitHighSec: 600,
      syncLagHighSec: 300,
      syncLagCriticalSec: 900,
      ordersDownCriticalMs: 15 * 60_000,
      topSellerSkus: new Set(),
      lowStockDefaultThreshold: 0,
    });
  });

  it('the example in deploy/ is valid and states exactly the defaults', () => {
    const file = path.join(ROOT, 'deploy/live-rules.example.yaml');
    expect(readRulesFile(file)).toEqual(DEFAULT_RULES);
  });

  it('reads YAML and JSON alike', () => {
    const yaml = parseRules('syncLag:\n  highSeconds: 60\nlowStock:\n  topSellerSkus: [A-1, B-2]\n', 'r.yaml');
    const json = parseRules(
      '{"syncLag": {"highSeconds": 60}, "lowStock": {"topSellerSkus": ["A-1", "B-2"]}}',
      'r.json',
    );
    expect(yaml).toEqual(json);
    expect(yaml.syncLag).toEqual({ highSeconds: 60, criticalSeconds: 900 });
  });

  it.each([
    ['syncLag: {highSeconds: 1000}', 'syncLag.criticalSeconds: criticalSeconds must be at least highSeconds'],
    ['syncLag: {highSecs: 10}', 'syncLag: Unrecognized key: "highSecs"'],
    ['rateLimit: {highAfterSeconds: -1}', 'rateLimit.highAfterSeconds'],
    ['rateLimit: {highAfterSeconds: "ten"}', 'rateLimit.highAfterSeconds'],
    ['lowStock: {topSellerSkus: ["a b"]}', 'lowStock.topSellerSkus.0'],
    ['[1, 2]', 'expected object'],
    ['{unclosed', 'not YAML or JSON'],
    ['lowStock: {}\nlowStock: {}', 'not YAML or JSON'], // a key given twice
  ])('%s is refused in one line naming %s', (text, reason) => {
    let err: unknown;
    try {
      parseRules(text, '/etc/live/rules.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RulesFileError);
    const message = (err as Error).message;
    expect(message.startsWith('/etc/live/rules.yaml: ')).toBe(true);
    expect(message).toContain(reason);
    expect(message).not.toContain('\n');
  });

  it('LIVE_RULES reaches the configuration; a bad or missing file stops loadConfig with one line', () => {
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'lowStock: {topSellerSkus: [TOP-1]}\n');
    expect(loadConfig({ LIVE_RULES: good }).rules.lowStock.topSellerSkus).toEqual(['TOP-1']);
    expect(loadConfig({}).rules).toEqual(DEFAULT_RULES);

    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'syncLag: {highSeconds: "x"}\n');
    for (const [file, reason] of [
      [bad, 'syncLag.highSeconds'],
      [path.join(dir, 'missing.yaml'), 'no such file'],
    ] as const) {
      let err: unknown;
      try {
        loadConfig({ LIVE_RULES: file });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).lines).toEqual([expect.stringMatching(/^LIVE_RULES: .*/)]);
      expect((err as ConfigError).lines[0]).toContain(reason);
    }
  });
});

describe('lowStock.defaultThreshold', () => {
  it('ends shortage alerts only above it when the event names no threshold', () => {
    const e = inventoryChange() as Extract<EventInput, { type: 'INVENTORY_CHANGE' }>;
    const { threshold: _t, ...payload } = e.payload;
    const back = {
      ...e,
      priority: 'low',
      audience: ['sales'],
      payload: { ...payload, kind: 'STOCK_CHANGED', available: 5 },
    };
    const event = back as Parameters<typeof resolvedBy>[0];
    expect(resolvedBy(event, DEFAULT_RULES.lowStock.defaultThreshold)).toEqual([
      'LOW_STOCK:KOT-SLM-LCV-32',
      'OUT_OF_STOCK:KOT-SLM-LCV-32',
    ]);
    expect(resolvedBy(event, 10)).toEqual([]);
  });
});

describe('reloading', () => {
  it('a good file swaps the thresholds the rules read; a bad one is refused and the old ones stay', () => {
    const file = path.join(dir, 'reload.yaml');
    writeFileSync(file, 'syncLag: {highSeconds: 600, criticalSeconds: 1200}\n');
    const rules = liveRules(file, readRulesFile(file), silent);
    const now = Date.now();
    expect(ruleOf(syncLag(700), now, rules.current()).priority).toBe('high');
    expect(ruleOf(lowStock('TOP-9'), now, rules.current()).priority).toBe('normal');

    writeFileSync(file, 'lowStock: {topSellerSkus: [TOP-9]}\n');
    expect(rules.reload()).toBe(true);
    // Back to the default sync-lag thresholds (the key is gone) and TOP-9 is now a top seller.
    expect(ruleOf(syncLag(700), now, rules.current()).priority).toBe('high');
    expect(ruleOf(syncLag(1000), now, rules.current()).priority).toBe('critical');
    expect(ruleOf(lowStock('TOP-9'), now, rules.current()).priority).toBe('high');

    writeFileSync(file, 'lowStock: {topSellerSkus: "TOP-9"}\n');
    expect(rules.reload()).toBe(false);
    expect(silent.error).toHaveBeenCalledWith(
      expect.objectContaining({ file, reason: expect.stringContaining('lowStock.topSellerSkus') }),
      expect.stringContaining('refused'),
    );
    expect(ruleOf(lowStock('TOP-9'), now, rules.current()).priority).toBe('high');
    expect(readFileSync(file, 'utf8')).toContain('"TOP-9"');
  });

  it('without a file, a reload keeps the defaults and says so', () => {
    const rules = liveRules(undefined, DEFAULT_RULES, silent);
    expect(rules.reload()).toBe(false);
    expect(rules.current()).toEqual(DEFAULT_THRESHOLDS);
    expect(silent.warn).toHaveBeenCalled();
  });
});
