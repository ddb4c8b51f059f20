// The release workflow cannot run here (it needs Windows and macOS runners and Electron's binary);
// this checks it: a GitHub workflow schema validator accepts it, `npm test` gates every build, and
// each of the three OS jobs builds, checks the fuses of its binary, smoke-tests the packaged app
// and uploads what it built. The fuse check's own parsing is tested on `@electron/fuses read` text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, typed by use here
import { expectedFuses, fuseMismatches, parseFuseRead } from '../scripts/fuses.mjs';

const ROOT = path.resolve(__dirname, '..');
const WORKFLOW = path.join(ROOT, '.github/workflows/release.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  container?: string;
  strategy?: { matrix: { include: { os: string; target: string; app: string; executable: string }[] } };
  steps: Step[];
}

const wf = yaml.load(readFileSync(WORKFLOW, 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const jobs = Object.entries(wf.jobs);

function validate(file: string) {
  return spawnSync(path.join(ROOT, 'node_modules/.bin/action-validator'), [file], { encoding: 'utf8' });
}

/** Whether a step with this `if:` runs on a runner of this OS (the forms the workflow uses). */
function runsOn(step: Step, os: 'Windows' | 'macOS' | 'Linux'): boolean {
  if (!step.if) return true;
  const eq = /runner\.os == '(\w+)'/.exec(step.if);
  if (eq) return eq[1] === os;
  const ne = /runner\.os != '(\w+)'/.exec(step.if);
  if (ne) return ne[1] !== os;
  return !step.if.includes('runner.os');
}

const OS_OF: Record<string, 'Windows' | 'macOS' | 'Linux'> = {
  'windows-latest': 'Windows',
  'macos-latest': 'macOS',
  'ubuntu-latest': 'Linux',
};

describe('.github/workflows/release.yml', () => {
  it('passes the GitHub workflow schema validator (@action-validator/cli), which rejects a broken one', () => {
    const ok = validate(WORKFLOW);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'meschain-wf-'));
    try {
      const broken = path.join(dir, 'broken.yml');
      writeFileSync(broken, readFileSync(WORKFLOW, 'utf8').replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'));
      expect(validate(broken).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs on version tags and by hand', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });

  it('runs `npm test` before any installer is built', () => {
    const testJobs = jobs.filter(([, j]) => j.steps.some((s) => s.run?.trim() === 'npm test'));
    expect(testJobs.length).toBeGreaterThan(0);
    const names = testJobs.map(([n]) => n);
    const builders = jobs.filter(([, j]) => j.steps.some((s) => s.run?.includes('electron-builder')));
    expect(builders.length).toBeGreaterThan(0);
    for (const [, j] of builders) {
      const needs = [j.needs ?? []].flat();
      expect(
        needs.some((n) => names.includes(n)),
        'a build job must need the npm test job',
      ).toBe(true);
    }
  });

  it('builds, checks fuses, smoke-tests the packaged app and uploads on Windows, macOS and Linux', () => {
    const job = wf.jobs.installers as Job;
    const matrix = job.strategy?.matrix.include ?? [];
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    for (const entry of matrix) {
      const os = OS_OF[entry.os] as 'Windows' | 'macOS' | 'Linux';
      const steps = job.steps.filter((s) => runsOn(s, os));
      const build = steps.findIndex((s) => s.run?.includes('electron-builder ${{ matrix.target }}'));
      const fuses = steps.findIndex((s) => s.run?.includes('scripts/fuses.mjs') && s.run.includes('matrix.app'));
      const smoke = steps.findIndex(
        (s) =>
          s.run?.includes('e2e-electron/playwright.config.ts') && s.env?.LIVE_APP_PATH?.includes('matrix.executable'),
      );
      const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact'));
      expect(build, `${os}: build`).toBeGreaterThan(-1);
      expect(fuses, `${os}: fuse check after the build`).toBeGreaterThan(build);
      expect(smoke, `${os}: smoke of the packaged app after the build`).toBeGreaterThan(build);
      expect(upload, `${os}: upload`).toBeGreaterThan(smoke);
      if (os === 'Linux') expect(steps[smoke]?.run).toMatch(/^xvfb-run /);
    }
    expect(matrix.find((m) => m.os.startsWith('macos'))?.target).toMatch(/--universal/);
    expect(matrix.find((m) => m.os.startsWith('windows'))?.target).toMatch(/nsis.*--x64.*--arm64/);
    expect(matrix.find((m) => m.os.startsWith('ubuntu'))?.target).toMatch(/AppImage.*deb/);
  });

  it('builds macOS universal and keeps update signature checks on in electron-builder.yml', () => {
    const builder = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      mac: { target: { target: string; arch: string[] }[] };
      win: { signtoolOptions?: { publisherName?: string }; verifyUpdateCodeSignature?: boolean };
      publish: { provider: string };
    };
    for (const t of builder.mac.target) expect(t.arch).toEqual(['universal']);
    expect(builder.win.signtoolOptions?.publisherName).toBeTruthy();
    expect(builder.win.verifyUpdateCodeSignature).not.toBe(false);
    expect(builder.publish.provider).toBe('github');
  });
});

describe('the fuse check (scripts/fuses.mjs)', () => {
  // What `@electron/fuses read --app` prints with colours off.
  const output = [
    'Analyzing app: MesChain Live.exe',
    'Fuse Version: v1',
    '  RunAsNode is Disabled',
    '  EnableCookieEncryption is Enabled',
    '  EnableNodeOptionsEnvironmentVariable is Disabled',
    '  EnableNodeCliInspectArguments is Disabled',
    '  EnableEmbeddedAsarIntegrityValidation is Enabled',
    '  OnlyLoadAppFromAsar is Enabled',
    '  LoadBrowserProcessSpecificV8Snapshot is Disabled',
    '  GrantFileProtocolExtraPrivileges is Disabled',
  ].join('\n');
  const expected = expectedFuses(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));

  it('passes a binary whose fuses match the config', () => {
    expect(Object.keys(expected)).toHaveLength(8);
    expect(fuseMismatches(expected, parseFuseRead(output))).toEqual([]);
  });

  it('fails a binary with RunAsNode left on, or a fuse it does not report', () => {
    const bad = output
      .replace('RunAsNode is Disabled', 'RunAsNode is Enabled')
      .replace(/.*OnlyLoadAppFromAsar.*\n/, '');
    expect(fuseMismatches(expected, parseFuseRead(bad))).toEqual([
      'RunAsNode: expected Disabled, binary has Enabled',
      'OnlyLoadAppFromAsar: expected Enabled, binary has nothing',
    ]);
  });
});
