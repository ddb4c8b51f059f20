// Runs Debian's nginx on loopback with the configuration from deploy/nginx/, its upstreams pointed
// at the test's gateway nodes, its ports at free loopback ports and its certificate at a
// self-signed one made here with openssl.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/gatewayProcess';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = '/usr/sbin/nginx';
export const NGINX_CONF = path.join(ROOT, 'deploy/nginx/meschain-live.conf');

export const hasNginx = () => spawnSync(NGINX, ['-v']).status === 0 && spawnSync('openssl', ['version']).status === 0;

export interface Nginx {
  /** https://127.0.0.1:port */
  url: string;
  /** http://127.0.0.1:port (only redirects) */
  plainUrl: string;
  /** The self-signed certificate (PEM) to trust. */
  ca: string;
  stop(): Promise<void>;
}

/** The documented configuration, with its upstreams, ports, name and certificate replaced. */
export function renderConfig(
  upstreamPorts: number[],
  ports: { https: number; http: number },
  cert: { cert: string; key: string },
): string {
  const doc = readFileSync(NGINX_CONF, 'utf8');
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  const out = doc
    .replace(/(upstream meschain_live \{\n)(?:\s*server [^\n]+\n)+/, `$1${servers}\n`)
    .replace(/^(\s*)listen 443 ssl;/m, `$1listen 127.0.0.1:${ports.https} ssl;`)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${ports.http};`)
    .replace(/^(\s*)ssl_certificate +[^;]+;/m, `$1ssl_certificate ${cert.cert};`)
    .replace(/^(\s*)ssl_certificate_key +[^;]+;/m, `$1ssl_certificate_key ${cert.key};`)
    .replaceAll(/^(\s*)server_name [^;]+;/gm, '$1server_name 127.0.0.1;');
  for (const expected of [`${ports.https} ssl`, `127.0.0.1:${ports.http};`, cert.cert, cert.key]) {
    if (!out.includes(expected)) throw new Error(`deploy/nginx/meschain-live.conf changed shape: no ${expected}`);
  }
  return out;
}

/** A self-signed certificate for 127.0.0.1, valid a day. */
function selfSigned(dir: string): { cert: string; key: string; pem: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed:\n${r.stderr}`);
  return { cert, key, pem: readFileSync(cert, 'utf8') };
}

export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const ports = { https: await freePort(), http: await freePort() };
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-nginx-'));
  for (const d of ['client_body', 'proxy', 'logs']) mkdirSync(path.join(dir, d), { recursive: true, mode: 0o777 });
  const cert = selfSigned(dir);
  writeFileSync(path.join(dir, 'meschain-live.conf'), renderConfig(upstreamPorts, ports, cert));
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
  const nginx: Nginx = {
    url: `https://127.0.0.1:${ports.https}`,
    plainUrl: `http://127.0.0.1:${ports.http}`,
    ca: cert.pem,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (let i = 0; i < 100; i++) {
    try {
      await httpsRequest(nginx, 'GET', '/healthz');
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return nginx;
}

/** A request through nginx's TLS, trusting its self-signed certificate (and nothing else). */
export function httpsRequest(
  nginx: Pick<Nginx, 'url' | 'ca'>,
  method: string,
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      `${nginx.url}${pathname}`,
      {
        method,
        ca: nginx.ca,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
