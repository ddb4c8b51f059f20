import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{protocol,server,core,main,preload,renderer,scripts,bench}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start gateway processes and bind ports run in separate forks; two cores here.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
