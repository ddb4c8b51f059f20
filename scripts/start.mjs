// `npm start`: build (the console and the gateway's JavaScript), start the embedded gateway from
// its build in demo mode with the demo feed, then open the console: Electron when its binary is installed, otherwise the web console the gateway serves.
// Electron is detected from its files, never by requiring the package (that would try a download).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from './electronBinary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const env = {
  LIVE_HOST: '127.0.0.1',
  LIVE_PORT: '8080',
  LIVE_DEMO: '1',
  // Apart from `npm run gateway`'s ./data, so a real gateway never finds the demo accounts.
  LIVE_DATA_DIR: 'data-demo',
  LIVE_DEMO_FEED: '5',
  LIVE_INGEST_TOKENS: 'demo-ingest-token-change-me',
  ...process.env,
};

console.log('Building the console and the gateway…');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('Build failed: see the errors above.');
  process.exit(1);
}

const url = `http://${env.LIVE_HOST}:${env.LIVE_PORT}`;
const children = [];
const gateway = spawn(process.execPath, ['--enable-source-maps', 'out/server/main.js'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
children.push(gateway);
gateway.on('exit', (code) => {
  if (stopping) return;
  if (code !== 0 && code !== null)
    console.error(
      `The gateway stopped (exit ${code}). Is port ${env.LIVE_PORT} in use? Set LIVE_PORT to another port.`,
    );
  void shutdown(code ?? 0);
});

async function waitHealthy() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

let stopping = false;
/** Stops the gateway (and the app) and waits for them, so nothing is left listening. */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise((resolve) => {
          const force = setTimeout(() => c.kill('SIGKILL'), 15_000);
          c.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

if (!(await waitHealthy())) {
  console.error(`The gateway did not become healthy at ${url}.`);
  shutdown(1);
}

const demoHint = 'Demo users: depo (warehouse), satis (sales), yonetici (admin); password: demo';
const bin = electronBinary(root);
if (bin) {
  console.log(`Gateway at ${url}. Starting the MesChain Live desktop app… ${demoHint}`);
  const app = spawn(bin, ['.'], { cwd: root, stdio: 'inherit' });
  children.push(app);
  app.on('exit', () => shutdown(0));
} else {
  console.log(
    `\nMesChain Live web console: ${url}\n${demoHint}\n(Electron's binary is not installed, so the console runs in your browser.)\n`,
  );
}
