// Finds Electron's binary from its files, never by requiring the `electron` package: requiring it
// where the binary is missing starts a download, which fails on machines without that network.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The path of the Electron executable, or undefined when it is not installed. */
export function electronBinary(root, env = process.env, platform = process.platform) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(p) ? p : undefined;
  }
  const dir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}
