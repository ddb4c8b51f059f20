// Runs Debian's nginx on loopback with the configuration from docs/nginx/, its upstreams pointed at
// the test's gateway nodes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/gatewayProcess';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = '/usr/sbin/nginx';

export const hasNginx = () => spawnSync(NGINX, ['-v']).status === 0;

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** The documented configuration, with its upstream servers and listen port replaced. */
export function renderConfig(upstreamPorts: number[], port: number): string {
  const doc = readFileSync(path.join(ROOT, 'docs/nginx/meschain-live.conf'), 'utf8');
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  return doc
    .replace(/(upstream meschain_live \{\n)(?:\s*server [^\n]+\n)+/, `$1${servers}\n`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/server_name [^;]+;/, 'server_name 127.0.0.1;');
}

export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-nginx-'));
  for (const d of ['client_body', 'proxy', 'logs']) mkdirSync(path.join(dir, d), { recursive: true, mode: 0o777 });
  writeFileSync(path.join(dir, 'meschain-live.conf'), renderConfig(upstreamPorts, port));
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
error_log ${dir}/logs/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/proxy;
  uwsgi_temp_path ${dir}/proxy;
  scgi_temp_path ${dir}/proxy;
  include ${dir}/meschain-live.conf;
}
`,
  );
  const test = spawnSync(NGINX, ['-t', '-p', dir, '-c', `${dir}/nginx.conf`], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused the configuration:\n${test.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
