// `npm run bench -- <scenario> [options]`: runs bench/run.ts with the open-file limit raised to
// the hard limit (thousands of sockets on each side of loopback need it), in a shell of its own.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = ['--import', 'tsx', path.join(root, 'bench/run.ts'), ...process.argv.slice(2)];
const child =
  process.platform === 'win32'
    ? spawn(process.execPath, args, { stdio: 'inherit', cwd: root })
    : spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...args], {
        stdio: 'inherit',
        cwd: root,
      });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
