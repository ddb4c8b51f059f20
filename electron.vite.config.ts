import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** The notification sounds (build/sounds) go with the renderer, as `sounds/<priority>.wav`. */
function sounds(): Plugin {
  const dir = resolve('build/sounds');
  return {
    name: 'meschain-sounds',
    generateBundle() {
      for (const file of readdirSync(dir)) {
        this.emitFile({ type: 'asset', fileName: `sounds/${file}`, source: readFileSync(resolve(dir, file)) });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundle every dependency: the installed app carries no node_modules.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), sounds()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      minify: true,
      sourcemap: true,
      // React, Chart.js and Socket.IO in one bundle loaded from disk or loopback; split when it matters.
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
