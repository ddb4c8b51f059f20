// Snapshots (and every large response) come compressed when the client asks, brotli first, and as
// they are when it does not: a plain client gets plain JSON, and the content is the same either way.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs } from '../test/live';

let gw: GatewayProcess;
let token: string;

beforeAll(async () => {
  gw = await startGatewayProcess();
  token = (await loginAs(gw.url, 'yonetici')).accessToken;
  for (let i = 0; i < 40; i++) expect((await postEvents(gw.url, orderCreated())).status).toBe(202);
}, 60_000);
afterAll(async () => gw?.dispose());

/** A raw GET (no automatic decompression): status, content-encoding and the body's bytes. */
function get(path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; encoding?: string; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    const req = request(`${gw.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers['content-encoding'],
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP compression', () => {
  const snapshot = '/v1/snapshot?channels=orders';

  it('a snapshot comes as brotli when asked, gzip when only that is accepted, plain otherwise; the same JSON', async () => {
    const plain = await get(snapshot);
    expect(plain.status).toBe(200);
    expect(plain.encoding).toBeUndefined();
    const json = JSON.parse(plain.body.toString('utf8')) as { channels: { orders?: unknown[] }[] };
    expect(json.channels[0]?.orders?.length).toBeGreaterThanOrEqual(40);

    const br = await get(snapshot, 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(json);

    const gz = await get(snapshot, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(json);
  });

  it('a small response goes as it is, even when compression is accepted', async () => {
    const res = await get('/healthz', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.encoding).toBeUndefined();
    expect(res.body.length).toBeLessThan(1024);
  });
});
