// Command-line options of `npm run bench -- <scenario> [--name value | --name=value] [--smoke]`,
// typed by the scenario's defaults; anything unknown or malformed is a clear error.
import type { Params } from './scenario';

export class OptionError extends Error {}

export interface ParsedArgs {
  scenario?: string;
  overrides: Record<string, string>;
  flags: Set<string>;
}

const RUNNER_FLAGS = new Set(['smoke', 'help', 'list']);
const RUNNER_OPTIONS = new Set(['out']);

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { overrides: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      if (out.scenario !== undefined) throw new OptionError(`unexpected argument "${arg}" (one scenario per run)`);
      out.scenario = arg;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (RUNNER_FLAGS.has(name) && inline === undefined) {
      out.flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new OptionError(`--${name} needs a value`);
    }
    out.overrides[name] = value;
  }
  return out;
}

/** The scenario's parameters: its defaults, then the smoke scale, then the command line. */
export function resolveParams<P extends Params>(
  defaults: P,
  smoke: Partial<P> | undefined,
  overrides: Record<string, string>,
  choices: Partial<Record<keyof P, readonly string[]>> = {},
): P {
  const params: Params = { ...defaults, ...smoke };
  for (const [name, raw] of Object.entries(overrides)) {
    if (RUNNER_OPTIONS.has(name)) continue;
    if (!Object.hasOwn(defaults, name)) {
      throw new OptionError(
        `unknown option --${name} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    }
    const kind = typeof defaults[name];
    if (kind === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0 || raw.trim() === '') {
        throw new OptionError(`--${name} must be a number ≥ 0, got "${raw}"`);
      }
      params[name] = n;
    } else if (kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new OptionError(`--${name} must be true or false, got "${raw}"`);
      params[name] = raw === 'true';
    } else {
      const allowed = choices[name as keyof P];
      if (allowed && !allowed.includes(raw)) {
        throw new OptionError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      }
      params[name] = raw;
    }
  }
  return params as P;
}
