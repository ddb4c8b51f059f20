// `npm run build` (after the console): the gateway and its command-line tools bundled to plain
// JavaScript in out/server/, so production runs `node` and needs no TypeScript tooling. Packages
// stay external (imported from node_modules, production dependencies only); a metafile lists them
// so a test can check that none is a development dependency.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/** Bundles the gateway and its tools into `outdir` (emptied first); the benchmarks build their own copy. */
export async function buildGateway(outdir = path.join(root, 'out/server')) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'server/main.ts',
      users: 'server/cli/users.ts',
      keys: 'server/cli/keys.ts',
      backup: 'server/cli/backup.ts',
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    // Bundled ESM has no `require`; a dependency's CommonJS helpers may still ask for it.
    banner: {
      js: "import { createRequire as __liveRequire } from 'node:module'; const require = __liveRequire(import.meta.url);",
    },
  });
  writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  return outdir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = await buildGateway();
  console.log(`gateway built: ${path.relative(root, outdir)}/{main,users,keys,backup}.js`);
}
