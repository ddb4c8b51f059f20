// Crash test of the durable outbox on the real file store: a child process adds actions as fast as
// it can and is SIGKILLed at a random point, mid-write or right after act() resolved. Afterwards no
// store file is torn, a fresh outbox holds every action the child saw resolve (once, in order), and
// once connected it delivers each of them exactly once. 200 rounds under LIVE_STRESS, 10 otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../main/adapters/fileStore';
import { nodeClock } from '../main/adapters/nodePorts';
import type { ActionAck, ActionRequest } from '../protocol';
import { waitFor } from '../server/test/live';
import { createOutbox, type Outbox } from './outbox';
import type { Logger } from './ports';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The child; overridable to check that this test catches a store that tears (a naive one). */
const CHILD = process.env.OUTBOX_CRASH_CHILD ?? path.join(ROOT, 'core/test/outboxChild.ts');
const STRESS = Boolean(process.env.LIVE_STRESS);
const ROUNDS = STRESS ? 200 : 10;
/** Generous per-round bound (a round takes about a second: mostly the child's start-up). */
const ROUND_MS = 20_000;

type Kill = { how: 'time'; afterReadyMs: number } | { how: 'resolved'; count: number };

interface ChildRun {
  /** Keys the child reported resolved, in order, with the act number of each. */
  resolved: { key: string; n: number }[];
  /** The child got to `ready` (its outbox loaded) before it was killed. */
  ready: boolean;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the child on `dir` and SIGKILLs it as `kill` says; resolves once it has exited. */
function runChild(dir: string, mode: 'seq' | 'burst', kill: Kill): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { resolved: [], ready: false, signal: null, code: null, stderr: '' };
    let buffered = '';
    let killed = false;
    const doKill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // Bounded: a child that never gets ready or never resolves enough is killed anyway.
    const guard = setTimeout(doKill, ROUND_MS / 2);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      // Only whole lines count; the child writes each with one write(2), so none is split by a kill.
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          run.ready = true;
          if (kill.how === 'time') setTimeout(doKill, kill.afterReadyMs);
          if (kill.how === 'resolved' && kill.count === 0) doKill();
        } else if (line.startsWith('resolved ')) {
          const [, key, n] = line.split(' ');
          run.resolved.push({ key: key as string, n: Number(n) });
          // Right after act() resolved (the child goes on meanwhile: it is mid-way into the next).
          if (kill.how === 'resolved' && run.resolved.length === kill.count) doKill();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
  });
}

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (fields, msg) => errors.push(`${msg} ${JSON.stringify(fields)}`),
  };
}

/** An outbox on the folder's file store; `send` plays the gateway. */
function outboxOn(dir: string, logger: Logger, send: (req: ActionRequest) => Promise<ActionAck>): Outbox {
  let ids = 0;
  return createOutbox(
    { store: createFileStore(dir), clock: nodeClock, logger, randomId: () => `parent-${++ids}` },
    { send, onChange: () => undefined, onOutcome: () => undefined },
    { retryFirstMs: 20, retryCapMs: 200 },
  );
}

function pickKill(): Kill {
  return Math.random() < 0.5
    ? { how: 'time', afterReadyMs: 5 + Math.floor(Math.random() * 56) }
    : { how: 'resolved', count: Math.floor(Math.random() * 31) };
}

interface RoundResult {
  resolved: number;
  stored: number;
  tmpFiles: number;
}

async function round(i: number): Promise<RoundResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-outbox-crash-'));
  try {
    const mode = i % 2 === 0 ? 'seq' : 'burst';
    const kill = pickKill();
    const where = `round ${i} (${mode}, ${JSON.stringify(kill)})`;
    const run = await runChild(dir, mode, kill);
    expect(run.signal, `${where}: child killed, not exited by itself\n${run.stderr}`).toBe('SIGKILL');
    expect(run.ready, `${where}: child got ready\n${run.stderr}`).toBe(true);
    expect(run.stderr, where).toBe('');
    // The child's acts were numbered 0, 1, 2, ... and resolve in the order made.
    expect(
      run.resolved.map((r) => r.n),
      where,
    ).toEqual(run.resolved.map((_, k) => k));

    // (a) No torn file: every store file parses; a temp file left by the kill is not the store.
    const files = readdirSync(dir);
    const tmpFiles = files.filter((f) => f.endsWith('.tmp'));
    for (const f of files.filter((name) => !name.endsWith('.tmp'))) {
      expect(f, where).toBe('outbox.json');
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(() => JSON.parse(text), `${where}: ${f} is torn (${text.length} chars)`).not.toThrow();
    }
    if (run.resolved.length > 0) expect(files, where).toContain('outbox.json');

    // (b) A fresh outbox holds every resolved action, once, in the order resolved; beyond them at
    // most the acts that were being written when the kill came (a burst is at most 5).
    const logger = recordingLogger();
    const sent: string[] = [];
    const applied = new Map<string, number>();
    let live = false;
    const outbox = outboxOn(dir, logger, async (req) => {
      if (!live) throw new Error('not connected');
      sent.push(req.key);
      // The gateway applies a key at most once; a repeat gets the stored answer.
      if (!applied.has(req.key)) applied.set(req.key, applied.size);
      return { ok: true, result: { noteId: `note-${applied.get(req.key)}` } };
    });
    await outbox.load();
    expect(logger.errors, where).toEqual([]);
    const loaded = outbox.state().pending;
    const keys = loaded.map((p) => p.key);
    expect(new Set(keys).size, `${where}: keys once`).toBe(keys.length);
    expect(keys.slice(0, run.resolved.length), where).toEqual(run.resolved.map((r) => r.key));
    expect(keys.length - run.resolved.length, where).toBeLessThanOrEqual(5);
    expect(
      loaded.map((p) => (p.action.type === 'ORDER_NOTE' ? p.action.text.split(' ')[0] : '?')),
      `${where}: entries are the acts 0..n-1 in order`,
    ).toEqual(loaded.map((_, k) => `n${k}`));
    expect(loaded.every((p) => p.attempts === 0)).toBe(true);

    // (c) Connected to a gateway that applies each key at most once: the outbox drains, sending
    // every stored action exactly once, in order.
    live = true;
    outbox.setConnected(true);
    await waitFor(
      () => outbox.state().pending.length === 0,
      () => `${where}: outbox drained (${outbox.state().pending.length} left)`,
      ROUND_MS,
    );
    // The drained state reaches the file too.
    if (keys.length > 0) {
      await waitFor(
        () =>
          (JSON.parse(readFileSync(path.join(dir, 'outbox.json'), 'utf8')) as { pending: unknown[] }).pending.length ===
          0,
        `${where}: drained outbox on disk`,
        ROUND_MS,
      );
    }
    outbox.close();
    expect(sent, `${where}: each sent once, in order`).toEqual(keys);
    expect([...applied.keys()], where).toEqual(keys);
    for (const r of run.resolved) expect(applied.has(r.key), `${where}: ${r.key} applied`).toBe(true);
    expect(outbox.state().failed, where).toEqual([]);
    expect(logger.errors, where).toEqual([]);

    // A later run finds nothing left to send.
    const after = outboxOn(dir, logger, () => Promise.reject(new Error('must not send')));
    await after.load();
    expect(after.state().pending, where).toEqual([]);
    after.close();
    return { resolved: run.resolved.length, stored: keys.length, tmpFiles: tmpFiles.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('outbox on the file store, SIGKILLed while writing', () => {
  it(
    `${ROUNDS} rounds: no torn file, every resolved action kept once in order and delivered once`,
    async () => {
      const started = Date.now();
      const results: RoundResult[] = [];
      for (let i = 0; i < ROUNDS; i++) results.push(await round(i));
      const sum = (f: (r: RoundResult) => number) => results.reduce((a, r) => a + f(r), 0);
      console.info(
        `outbox crash: ${results.length} rounds in ${Date.now() - started} ms; ` +
          `${sum((r) => r.resolved)} actions resolved before the kills, ${sum((r) => r.stored)} found stored; ` +
          `${results.filter((r) => r.stored > r.resolved).length} rounds with an entry written but not yet reported; ` +
          `${results.filter((r) => r.resolved === 0).length} rounds killed before any resolved; ` +
          `${sum((r) => r.tmpFiles)} temp files left by kills`,
      );
      expect(results).toHaveLength(ROUNDS);
      // The kills did land while actions were being written, not only before or after.
      expect(results.some((r) => r.resolved > 0)).toBe(true);
    },
    ROUNDS * ROUND_MS,
  );
});
