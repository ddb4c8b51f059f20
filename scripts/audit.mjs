// `npm audit --omit=dev --audit-level=high`, telling apart "advisories found" (fails) from "the
// registry's advisory endpoint cannot be reached from this network" (reported, does not fail).
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`audit: npm audit gave no report (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
if (report.vulnerabilities === undefined && (report.statusCode || report.error || report.message)) {
  console.log(
    `audit: skipped: the advisory endpoint did not answer (${report.statusCode ?? ''} ${report.message ?? report.error?.summary ?? ''})`.trim(),
  );
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `audit: production dependencies: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`);
  }
  process.exit(1);
}
