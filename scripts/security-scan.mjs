// Electronegativity over the built app. Its parser predates some syntax in our bundles (class
// private fields), so the bundles are first lowered to ES2019 with esbuild; the scan then sees all
// of main, the preload and the renderer. Fails on any HIGH finding, and on a MEDIUM one that
// docs/decisions.md does not justify by its check id.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const scan = path.join(root, 'test-results/security-scan');
rmSync(scan, { recursive: true, force: true });
mkdirSync(path.join(scan, 'renderer'), { recursive: true });

if (!existsSync(path.join(root, 'out/main/index.js'))) {
  console.error('security: build first (npm run build)');
  process.exit(1);
}
const lower = (from, to, format) => {
  const r = spawnSync(
    'npx',
    ['esbuild', from, `--outfile=${to}`, '--target=es2019', `--format=${format}`, '--log-level=error'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
};
lower('out/main/index.js', path.join(scan, 'main/index.js'), 'esm');
lower('out/preload/index.cjs', path.join(scan, 'preload/index.js'), 'cjs');
copyFileSync(path.join(root, 'out/renderer/index.html'), path.join(scan, 'renderer/index.html'));

const { version: electronVersion } = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
);
const report = path.join(scan, 'report.csv');
const run = spawnSync(
  'npx',
  ['electronegativity', '-i', scan, '-o', report, '-e', electronVersion, '-r', '-v', 'false'],
  {
    cwd: root,
    encoding: 'utf8',
  },
);
if (!existsSync(report)) {
  console.error(`security: electronegativity produced no report (exit ${run.status})\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
if (/Error parsing/.test(run.stdout + run.stderr)) {
  console.error(
    'security: electronegativity could not parse a bundle:\n' +
      (run.stdout + run.stderr)
        .split('\n')
        .filter((l) => l.includes('Error parsing'))
        .join('\n'),
  );
  process.exit(1);
}

// CSV: issue, severity, confidence, filename, location, sample, description, url
const cells = (line) =>
  [...line.matchAll(/(?:"((?:[^"]|"")*)"|([^,]*))(?:,|$)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).map(cells);
const findings = rows.map(([check, severity, confidence, file, location]) => ({
  check,
  severity,
  confidence,
  file,
  location,
}));
const justified = readFileSync(path.join(root, 'docs/decisions.md'), 'utf8');
const high = findings.filter((f) => f.severity === 'HIGH');
const unjustified = findings.filter((f) => f.severity === 'MEDIUM' && !justified.includes(f.check));
for (const f of findings)
  console.log(`security: ${f.severity.padEnd(13)} ${f.check} ${f.file ?? ''} ${f.location ?? ''}`);
console.log(
  `security: ${findings.length} findings: ${high.length} HIGH, ${findings.filter((f) => f.severity === 'MEDIUM').length} MEDIUM (${unjustified.length} not justified in docs/decisions.md)`,
);
process.exit(high.length === 0 && unjustified.length === 0 ? 0 : 1);
