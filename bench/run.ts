// `npm run bench -- <scenario> [options]`: runs one benchmark scenario, prints its table and
// writes bench/results/<scenario>-<timestamp>.json. Every run is bounded: past its time budget it is
// stopped, and whatever it started (gateways, browsers, schemas) is cleaned up on every way out.
import path from 'node:path';
import { formatTable } from './lib/table';
import { OptionError, parseArgs, resolveParams } from './lib/options';
import { commitOf, machine, RESULTS_DIR, writeResult, type BenchResult } from './lib/results';
import { hostSteal, selfCpu } from './lib/proc';
import type { Params, Scenario } from './lib/scenario';
import { SCENARIOS } from './scenarios';

/** To one decimal; undefined stays undefined (JSON leaves the field out). */
const roundTenth = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);

function usage(): string {
  const lines = ['usage: npm run bench -- <scenario> [--option value ...] [--smoke] [--out dir]', '', 'scenarios:'];
  for (const s of SCENARIOS) lines.push(`  ${s.name.padEnd(16)} ${s.summary}`);
  lines.push('', 'npm run bench -- <scenario> --help lists its options and defaults.');
  return lines.join('\n');
}

function scenarioHelp(s: Scenario): string {
  const lines = [`${s.name}: ${s.summary}`, '', 'options (default):'];
  for (const [name, value] of Object.entries(s.defaults)) {
    lines.push(`  --${name.padEnd(14)} ${String(value).padEnd(8)} ${s.help[name] ?? ''}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has('list') || args.scenario === undefined) {
    console.log(usage());
    return args.scenario === undefined && !args.flags.has('list') && !args.flags.has('help') ? 2 : 0;
  }
  const scenario = SCENARIOS.find((s) => s.name === args.scenario) as Scenario<Params> | undefined;
  if (!scenario) throw new OptionError(`unknown scenario "${args.scenario}"\n\n${usage()}`);
  if (args.flags.has('help')) {
    console.log(scenarioHelp(scenario));
    return 0;
  }
  const params = resolveParams(
    scenario.defaults,
    args.flags.has('smoke') ? scenario.smoke : undefined,
    args.overrides,
    scenario.choices,
  );
  const outDir = args.overrides.out ? path.resolve(args.overrides.out) : RESULTS_DIR;

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`clean-up failed: ${(err as Error).message}`);
      }
    }
  };
  const stopOnSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping ${scenario.name}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const budgetS = scenario.budgetS(params);
  let watchdog: NodeJS.Timeout | undefined;
  const overBudget = new Promise<never>((_, reject) => {
    watchdog = setTimeout(
      () => reject(new Error(`${scenario.name} exceeded its time budget of ${budgetS} s and was stopped`)),
      budgetS * 1000,
    );
  });

  console.error(`${scenario.name}: ${JSON.stringify(params)} (at most ${budgetS} s)`);
  const startedAt = new Date().toISOString();
  const generator = selfCpu();
  const steal = hostSteal();
  try {
    const outcome = await Promise.race([
      scenario.run(params, { onCleanup: (fn) => cleanups.push(fn), log: (m) => console.error(m) }),
      overBudget,
    ]);
    const result: BenchResult = {
      scenario: scenario.name,
      startedAt,
      finishedAt: new Date().toISOString(),
      ...commitOf(),
      machine: machine(),
      params,
      generatorCpuPct: Math.round(generator.cpuPct()),
      hostStealPct: roundTenth(steal.pct()),
      figures: outcome.figures,
      charts: outcome.charts ?? [],
      notes: outcome.notes ?? [],
    };
    const file = writeResult(result, outDir);
    console.log(
      `\n${scenario.name} — ${result.machine.cores} cores, commit ${result.commit}${result.dirty ? ' (dirty)' : ''}`,
    );
    console.log(formatTable(result.figures));
    for (const note of result.notes) console.log(`note: ${note}`);
    console.log(`\nload generator CPU over the run: ${result.generatorCpuPct} % of one core`);
    if (result.hostStealPct !== undefined) {
      console.log(`CPU time taken by the hypervisor over the run: ${result.hostStealPct} % of the machine's`);
    }
    console.log(`result: ${path.relative(process.cwd(), file)}`);
    return 0;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof OptionError ? `bench: ${err.message}` : err);
    process.exit(err instanceof OptionError ? 2 : 1);
  },
);
