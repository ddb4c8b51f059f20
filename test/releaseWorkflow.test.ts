// The release workflow cannot run here (it needs Windows and macOS runners and Electron's
// binary); this checks its shape: valid YAML, a job per OS, the smoke test before the installers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}

describe('.github/workflows/release.yml', () => {
  const wf = yaml.load(readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<
      string,
      { 'runs-on': string; strategy: { matrix: { include: { os: string; target: string }[] } }; steps: Step[] }
    >;
  };
  const job = wf.jobs.installers!;

  it('runs on version tags and by hand', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });

  it('builds on a Windows, a macOS and a Linux runner, each for its installers', () => {
    const matrix = job.strategy.matrix.include;
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(matrix.find((m) => m.os.startsWith('windows'))?.target).toMatch(/nsis.*--x64.*--arm64/);
    expect(matrix.find((m) => m.os.startsWith('macos'))?.target).toMatch(/dmg.*zip/);
    expect(matrix.find((m) => m.os.startsWith('ubuntu'))?.target).toMatch(/AppImage.*deb/);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
  });

  it('smoke-tests the app with Playwright’s Electron driver before building installers', () => {
    const names = job.steps.map((s) => s.name ?? s.uses ?? '');
    const smoke = job.steps.findIndex((s) => s.run?.includes('e2e-electron/playwright.config.ts'));
    const installers = job.steps.findIndex((s) => s.run?.includes('electron-builder'));
    expect(smoke, names.join(' | ')).toBeGreaterThan(-1);
    expect(installers).toBeGreaterThan(smoke);
    expect(job.steps.some((s) => s.run?.includes('xvfb-run') && s.if?.includes('Linux'))).toBe(true);
    expect(readFileSync(path.join(ROOT, 'e2e-electron/smoke.spec.ts'), 'utf8')).toContain('_electron');
  });
});
