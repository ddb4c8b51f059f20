// `LIVE_RULES`: the alert thresholds as a validated file (YAML or JSON, YAML being a superset),
// read at start and again on SIGHUP. Every key is optional; the defaults are those of
// docs/domain.md §3. Unknown keys are refused, so a misspelt threshold never silently does nothing.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { Ident, issuesOf } from '../../protocol';
import type { Logger } from '../logger';
import type { PriorityThresholds } from './rules';

const seconds = (max: number) => z.number().int().min(0).max(max);

export const RulesFile = z
  .strictObject({
    shipBy: z
      .strictObject({
        /** SHIP_DEADLINE_NEAR with a Trendyol auto-cancel this close (minutes) is critical, with admin. */
        autoCancelNearMinutes: seconds(7 * 24 * 60).default(240),
      })
      .prefault({}),
    syncLag: z
      .strictObject({
        /** SYNC_LAG above this many seconds is high… */
        highSeconds: seconds(7 * 86_400).default(300),
        /** …and above this many, critical. */
        criticalSeconds: seconds(7 * 86_400).default(900),
      })
      .prefault({})
      .refine((s) => s.criticalSeconds >= s.highSeconds, {
        message: 'criticalSeconds must be at least highSeconds',
        path: ['criticalSeconds'],
      }),
    lowStock: z
      .strictObject({
        /** SKUs whose LOW_STOCK is high rather than normal (the top sellers). */
        topSellerSkus: z.array(Ident).max(100_000).default([]),
        /**
         * Stock above this ends a SKU's LOW_STOCK / OUT_OF_STOCK alerts when the event carries no
         * `threshold` of its own.
         */
        defaultThreshold: z.number().int().min(0).max(1_000_000).default(0),
      })
      .prefault({}),
    rateLimit: z
      .strictObject({
        /** RATE_LIMITED with a retry-after above this many seconds is high rather than normal. */
        highAfterSeconds: seconds(86_400).default(600),
      })
      .prefault({}),
    ordersDown: z
      .strictObject({
        /** API_ERROR on orders with no success for this many minutes is critical rather than high. */
        criticalAfterMinutes: seconds(7 * 24 * 60).default(15),
      })
      .prefault({}),
  })
  .prefault({});
export type RulesFile = z.infer<typeof RulesFile>;

/** The thresholds as the rules use them (milliseconds, a set of SKUs). */
export function thresholdsOf(r: RulesFile): PriorityThresholds {
  return {
    autoCancelNearMs: r.shipBy.autoCancelNearMinutes * 60_000,
    rateLimitHighSec: r.rateLimit.highAfterSeconds,
    syncLagHighSec: r.syncLag.highSeconds,
    syncLagCriticalSec: r.syncLag.criticalSeconds,
    ordersDownCriticalMs: r.ordersDown.criticalAfterMinutes * 60_000,
    topSellerSkus: new Set(r.lowStock.topSellerSkus),
    lowStockDefaultThreshold: r.lowStock.defaultThreshold,
  };
}

export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    // One line: it is printed as is when the gateway refuses to start.
    super(`${file}: ${reason}`.replace(/\s*\n\s*/g, ' '));
    this.name = 'RulesFileError';
  }
}

/** Parses the text of a rules file; an empty file means every default. */
export function parseRules(text: string, file: string): RulesFile {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: file }) ?? {};
  } catch (err) {
    throw new RulesFileError(file, `not YAML or JSON (${err instanceof Error ? err.message.split('\n')[0] : err})`);
  }
  const parsed = RulesFile.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    throw new RulesFileError(file, issues.join('; '));
  }
  return parsed.data;
}

/** Reads and validates a rules file; throws a one-line RulesFileError. */
export function readRulesFile(file: string): RulesFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RulesFileError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(err)})`);
  }
  return parseRules(text, file);
}

export const DEFAULT_RULES: RulesFile = RulesFile.parse({});

/** The thresholds in force, swapped whole by a reload (SIGHUP). */
export interface LiveRules {
  current(): PriorityThresholds;
  /**
   * Reads the file again. A bad file is refused, logged, and the rules in force stay; returns
   * whether new rules took effect.
   */
  reload(): boolean;
}

export function liveRules(
  file: string | undefined,
  initial: RulesFile,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
): LiveRules {
  let current = thresholdsOf(initial);
  return {
    current: () => current,
    reload() {
      if (file === undefined) {
        logger.warn('no LIVE_RULES file to reload; the default alert thresholds stay');
        return false;
      }
      try {
        const next = readRulesFile(file);
        current = thresholdsOf(next);
        logger.info(
          {
            file,
            rules: { ...next, lowStock: { ...next.lowStock, topSellerSkus: next.lowStock.topSellerSkus.length } },
          },
          'alert rules reloaded',
        );
        return true;
      } catch (err) {
        logger.error(
          { file, reason: err instanceof Error ? err.message : String(err) },
          'alert rules refused; the previous rules stay',
        );
        return false;
      }
    },
  };
}
