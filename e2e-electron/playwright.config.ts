// Real-Electron smoke test: runs only in the release workflow, where Electron's binary exists.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
});
