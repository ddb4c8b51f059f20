// Checks the fuses of a packaged app against electron-builder.yml: `@electron/fuses read` on the
// built binary, each fuse the config names must be in the state the config asks. Run by the
// release workflow after the installers are built: `node scripts/fuses.mjs <path to app>`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

/** electron-builder's `electronFuses` keys → the names `@electron/fuses read` prints. */
export const FUSE_NAMES = {
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
};

/** What the config asks: fuse name → 'Enabled' | 'Disabled'. */
export function expectedFuses(builderYaml) {
  const config = yaml.load(builderYaml);
  const fuses = config?.electronFuses ?? {};
  return Object.fromEntries(
    Object.entries(fuses).map(([key, on]) => {
      const name = FUSE_NAMES[key];
      if (!name) throw new Error(`unknown fuse in electron-builder.yml: ${key}`);
      return [name, on ? 'Enabled' : 'Disabled'];
    }),
  );
}

/** `  RunAsNode is Disabled` lines of `@electron/fuses read` (colours off) → name → state. */
export function parseFuseRead(output) {
  const states = {};
  for (const m of output.matchAll(/^\s+(\w+) is (Enabled|Disabled|Inherited|Removed)\s*$/gm)) states[m[1]] = m[2];
  return states;
}

/** Each mismatch as a line; empty when the binary matches the config. */
export function fuseMismatches(expected, actual) {
  const problems = [];
  for (const [name, want] of Object.entries(expected)) {
    if (actual[name] !== want) problems.push(`${name}: expected ${want}, binary has ${actual[name] ?? 'nothing'}`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = process.argv[2];
  if (!app) {
    console.error('usage: node scripts/fuses.mjs <path to the packaged app>');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const run = spawnSync('npx', ['--no-install', '@electron/fuses', 'read', '--app', app], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    shell: process.platform === 'win32',
  });
  process.stdout.write(run.stdout ?? '');
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const problems = fuseMismatches(
    expectedFuses(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')),
    parseFuseRead(run.stdout),
  );
  for (const p of problems) console.error(`fuses: ${p}`);
  if (problems.length) process.exit(1);
  console.log('fuses: the binary matches electron-builder.yml');
}
