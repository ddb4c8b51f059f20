// A child process for the outbox crash test (core/outbox.crash.test.ts): the core's outbox on the
// real file store, never connected, adding actions as fast as it can until it is killed.
// Run: node --import tsx core/test/outboxChild.ts <dir> [seq|burst] [seed]
// stdout (written synchronously, so a line is out before the next step starts):
//   `ready`                 the outbox has loaded what the folder held
//   `resolved <key> <n>`    act number n resolved with key (its entry is on disk)
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createFileStore } from '../../main/adapters/fileStore';
import { createOutbox } from '../outbox';
import type { Clock, Logger } from '../ports';

const [dir, mode = 'seq'] = process.argv.slice(2);
if (!dir) {
  writeSync(2, 'usage: outboxChild.ts <dir> [seq|burst]\n');
  process.exit(2);
}

/** Upper bound on actions, so a child nobody kills still ends. */
const MAX_ACTIONS = 2000;
const ORDER_KEY = 'trendyol:TY-CRASH-1';

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields, msg) => writeSync(2, `error ${msg} ${JSON.stringify(fields)}\n`),
};

const outbox = createOutbox(
  { store: createFileStore(dir), clock, logger, randomId: randomUUID },
  {
    // Never connected, so never called; if it were, nothing would leave the outbox.
    send: () => Promise.reject(new Error('offline')),
    onChange: () => undefined,
    onOutcome: () => undefined,
  },
);

/** Text of act n: its number first, then padding of varying length so writes vary in size. */
const textOf = (n: number) => `n${n} ${'x'.repeat(Math.floor(Math.random() * 1500))}`;

async function act(n: number): Promise<void> {
  const { key } = await outbox.add({ type: 'ORDER_NOTE', orderKey: ORDER_KEY, text: textOf(n) });
  writeSync(1, `resolved ${key} ${n}\n`);
}

await outbox.load();
writeSync(1, 'ready\n');
let n = 0;
while (n < MAX_ACTIONS) {
  if (mode === 'burst') {
    // Several acts at once: their writes queue behind each other in the store.
    const size = 1 + Math.floor(Math.random() * 5);
    await Promise.all(Array.from({ length: size }, () => act(n++)));
  } else {
    await act(n++);
  }
}
writeSync(1, 'done\n');
