// The desktop's export against a local HTTP server that streams a CSV slowly: 50,000 records reach
// the disk while the answer is still under way (never whole in memory), under a temporary name
// renamed only at the end; a cancel, a cut-off answer or a refusal leave no file at all.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type ExportProgress } from '../../protocol';
import { fakeElectron } from '../test/fakeElectron';
import { createCsvExporter } from './csvExporter';
import { UTF8_BOM } from './csvMeter';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const ROWS = 50_000;
const HEADER = 'Sipariş no;Pazaryeri;Şehir\r\n';
/** Every 100th record has a quoted field with a line break and a `;` in it: still one record. */
const record = (i: number) =>
  i % 100 === 0 ? `TY-${i};Trendyol;"Kapıya; ""acil""\r\nzil yok"\r\n` : `TY-${i};Trendyol;İzmir\r\n`;
const expected = HEADER + Array.from({ length: ROWS }, (_, i) => record(i)).join('');

/** Writes records [from, to) with backpressure, a few hundred per write. */
async function writeRecords(res: ServerResponse, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 250) {
    const chunk = Array.from({ length: Math.min(250, to - i) }, (_, k) => record(i + k)).join('');
    if (!res.write(chunk)) await once(res, 'drain');
  }
}

let server: Server;
let base: string;
let firstHalfSent: Gate;
let release: Gate;

interface Gate {
  promise: Promise<void>;
  resolve(): void;
}
function gate(): Gate {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/refuse') {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'This download link is not valid' } }));
      }
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.write(HEADER);
      if (req.url === '/slow') {
        await writeRecords(res, 0, ROWS / 2);
        firstHalfSent.resolve();
        await release.promise;
        await writeRecords(res, ROWS / 2, ROWS);
        return res.end();
      }
      await writeRecords(res, 0, 1000);
      if (req.url === '/cut') return res.socket?.destroy();
      // '/stall': holds the answer open until the client goes away.
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let dir: string;
let fake: ReturnType<typeof fakeElectron>;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'meschain-export-'));
  fake = fakeElectron(dir);
  firstHalfSent = gate();
  release = gate();
});
afterEach(() => {
  release.resolve();
  rmSync(dir, { recursive: true, force: true });
});

function exporterFor(route: string) {
  const ticket = vi.fn(async () => ({ url: `${base}${route}`, expiresAt: Date.now() + 60_000 }));
  const exporter = createCsvExporter({
    electron: fake.asElectron,
    window: () => undefined,
    ticket,
    net: { fetch: (url, init) => fetch(url, init) },
    language: () => DEFAULT_SETTINGS.language,
    log: { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    now: () => new Date(2026, 11, 7, 9, 30),
  });
  const progress: ExportProgress[] = [];
  exporter.onExportProgress((p) => progress.push(p));
  return { exporter, ticket, progress };
}

/** Polls until `check` holds; a generous bound, not a timing claim. */
async function until<T>(check: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const partFile = () => readdirSync(dir).find((f) => f.endsWith('.part'));

describe('the desktop export', () => {
  it('asks where to save under the dated Turkish name, and a cancelled dialog is no error', async () => {
    const { exporter, ticket } = exporterFor('/slow');
    expect(await exporter.exportCsv({ resource: 'stock', params: {} }, 'job-0')).toEqual({ state: 'cancelled' });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Dışa aktarılan listeyi kaydet',
        defaultPath: path.join(dir, 'stok-2026-12-07.csv'),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      }),
    );
    expect(ticket).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes 50,000 records to disk while the answer is still arriving, then renames the whole file', async () => {
    const file = path.join(dir, 'siparisler.csv');
    fake.dialog.saveAnswer = { canceled: false, filePath: file };
    const { exporter, progress } = exporterFor('/slow');
    const done = exporter.exportCsv({ resource: 'orders', params: { q: 'izmir' } }, 'job-1');

    await firstHalfSent.promise;
    const half = Buffer.byteLength(HEADER + Array.from({ length: ROWS / 2 }, (_, i) => record(i)).join(''));
    // The server holds back the second half until the first is seen on disk: a download that kept
    // the body in memory would never get here.
    const part = await until(() => {
      const name = partFile();
      return name && statSync(path.join(dir, name)).size >= half + UTF8_BOM.length ? name : undefined;
    }, 'the first half on disk');
    expect(part.startsWith('.siparisler.csv.')).toBe(true);
    expect(readdirSync(dir)).not.toContain('siparisler.csv');
    await until(() => (progress.length > 0 ? true : undefined), 'progress');
    expect(progress[0]?.id).toBe('job-1');
    expect(progress.at(-1)!.rows).toBeLessThan(ROWS + 1);
    release.resolve();

    const bytes = Buffer.byteLength(expected) + UTF8_BOM.length;
    expect(await done).toEqual({ state: 'saved', file, bytes, rows: ROWS + 1 });
    const written = readFileSync(file);
    expect(written.subarray(0, 3).equals(UTF8_BOM)).toBe(true);
    expect(written.subarray(3).toString('utf8')).toBe(expected);
    expect(readdirSync(dir)).toEqual(['siparisler.csv']);
    expect(progress.at(-1)).toEqual({ id: 'job-1', bytes, rows: ROWS + 1 });
  }, 60_000);

  it('stops on "İptal": resolves cancelled and leaves neither the file nor its temporary', async () => {
    fake.dialog.saveAnswer = { canceled: false, filePath: path.join(dir, 'uyarilar.csv') };
    const { exporter, progress } = exporterFor('/stall');
    const done = exporter.exportCsv({ resource: 'alerts', params: {} }, 'job-2');
    await until(() => (progress.length > 0 && partFile() ? true : undefined), 'the download under way');
    await exporter.cancelExport('job-2');
    expect(await done).toEqual({ state: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with a typed error when the answer is cut off, and leaves nothing behind', async () => {
    fake.dialog.saveAnswer = { canceled: false, filePath: path.join(dir, 'siparisler.csv') };
    const { exporter } = exporterFor('/cut');
    await expect(exporter.exportCsv({ resource: 'orders', params: {} }, 'job-3')).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a file of the chosen name as it was when the new export breaks off', async () => {
    const file = path.join(dir, 'siparisler.csv');
    writeFileSync(file, 'dünkü liste');
    fake.dialog.saveAnswer = { canceled: false, filePath: file };
    const { exporter } = exporterFor('/cut');
    await expect(exporter.exportCsv({ resource: 'orders', params: {} }, 'job-6')).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(readFileSync(file, 'utf8')).toBe('dünkü liste');
    expect(readdirSync(dir)).toEqual(['siparisler.csv']);
  });

  it('says so when the chosen file cannot be written (its folder is gone), leaving nothing', async () => {
    fake.dialog.saveAnswer = { canceled: false, filePath: path.join(dir, 'silindi', 'siparisler.csv') };
    const { exporter } = exporterFor('/stall');
    await expect(exporter.exportCsv({ resource: 'orders', params: {} }, 'job-5')).rejects.toMatchObject({
      code: 'storage_unavailable',
      message: expect.stringContaining('ENOENT'),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("passes the gateway's refusal on with its code, writing nothing", async () => {
    fake.dialog.saveAnswer = { canceled: false, filePath: path.join(dir, 'siparisler.csv') };
    const { exporter } = exporterFor('/refuse');
    await expect(exporter.exportCsv({ resource: 'orders', params: {} }, 'job-4')).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
