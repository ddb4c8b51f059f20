// What a benchmark scenario is: named parameters with defaults (and a tiny smoke scale), and a run
// that returns figures, charts and notes. The runner (bench/run.ts) parses options, bounds the
// run's time, stops what it started on the way out, and writes the result file.
import type { Chart, Figure } from './results';

export type Params = Record<string, number | string | boolean>;

export interface RunContext {
  /** Registers a clean-up (stop a process, drop a schema) run however the scenario ends. */
  onCleanup(fn: () => Promise<void> | void): void;
  log(message: string): void;
}

export interface Outcome {
  figures: Figure[];
  charts?: Chart[];
  notes?: string[];
}

export interface Scenario<P extends Params = Params> {
  name: string;
  summary: string;
  /** What each parameter means, for --help. */
  help: Record<keyof P & string, string>;
  defaults: P;
  /** A parameter whose values are reported apart: the report keeps the newest run of each value. */
  reportBy?: keyof P & string;
  /** The values a text parameter may take, where it is one of a few. */
  choices?: Partial<Record<keyof P, readonly string[]>>;
  /** Overrides for the smoke run in `npm test`: seconds, not minutes. */
  smoke: Partial<P>;
  /** The longest a run with these parameters may take, in seconds, before the runner stops it. */
  budgetS(params: P): number;
  run(params: P, ctx: RunContext): Promise<Outcome>;
}

export function defineScenario<P extends Params>(s: Scenario<P>): Scenario<P> {
  return s;
}
