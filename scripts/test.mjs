// `npm test`: every check in order — typecheck, lint, build, unit tests, e2e tests — then one
// summary line. Every step runs even when an earlier one failed, so one run shows all problems.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const stress = process.argv.includes('--stress');

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  { name: 'security', cmd: ['node', 'scripts/security-scan.mjs'] },
  {
    name: 'unit',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--exclude=server/security/**',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/unit.json`,
    ],
    env: stress ? { LIVE_STRESS: '1' } : {},
  },
  // The adversarial suite (fuzzers, floods, hostile hosts, poison events): 10,000 cases under --stress.
  { name: 'adversarial', cmd: ['npm', 'run', 'test:security'], env: stress ? { LIVE_STRESS: '1' } : {} },
  // The e2e soak runs its full ten minutes under --stress.
  { name: 'e2e', cmd: ['npx', 'playwright', 'test'], env: stress ? { LIVE_STRESS: '1' } : {} },
];

const outcome = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = run.status === 0;
  outcome.push({ name: step.name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const unit = counts(`${results}/unit.json`, (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
}));
const e2e = counts(`${results}/e2e.json`, (j) => ({
  passed: j.stats.expected,
  failed: j.stats.unexpected + j.stats.flaky,
  skipped: j.stats.skipped,
}));

function failedUnitTests(file) {
  if (!existsSync(file)) return [];
  try {
    return JSON.parse(readFileSync(file, 'utf8')).testResults.flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status === 'failed')
        .map((a) => `${f.name.replace(process.cwd() + '/', '')} › ${a.fullName}`),
    );
  } catch {
    return [];
  }
}

console.log('\n=== summary');
for (const name of failedUnitTests(`${results}/unit.json`)) console.log(`failed: ${name}`);
for (const o of outcome) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.seconds} s)`);
const failedSteps = outcome.filter((o) => !o.ok).length;
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (failedSteps > 0 && unit.failed + e2e.failed === 0 ? failedSteps : 0);
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(
  `tests: ${passed} passed, ${failed} failed${unit.skipped + e2e.skipped ? `, ${unit.skipped + e2e.skipped} skipped` : ''}`,
);
process.exit(failedSteps === 0 ? 0 : 1);
