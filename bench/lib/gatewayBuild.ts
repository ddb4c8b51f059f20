// The benchmarks measure the gateway as production runs it: bundled to plain JavaScript (as
// `npm run build` does), not the sources through tsx, whose loader costs seconds at every start and
// CPU in every profile. Each bench process builds its own copy once, inside the repository (the
// bundle imports its packages from node_modules), and removes it when it exits.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './results';

let building: Promise<string> | undefined;

/** The built gateway's entry file (out/bench-gateway-<pid>/main.js), built on first use. */
export function builtGatewayEntry(): Promise<string> {
  building ??= (async () => {
    const outdir = path.join(ROOT, `out/bench-gateway-${process.pid}`);
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    const { buildGateway } = (await import(path.join(ROOT, 'scripts/build-gateway.mjs'))) as {
      buildGateway(outdir: string): Promise<string>;
    };
    await buildGateway(outdir);
    return path.join(outdir, 'main.js');
  })();
  return building;
}
