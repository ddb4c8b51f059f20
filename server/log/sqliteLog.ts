// Embedded channel log persisted in SQLite (its own file in LIVE_DATA_DIR): every append is written
// before it is placed, and a restart reads the retained entries back with the same epoch, so a
// console that reconnects after a restart recovers with `since` instead of reloading a snapshot.
// Reads are served from the in-process ring the file is mirrored in. Retention: events and bytes.
import { randomBytes } from 'node:crypto';
import { LiveEvent, type Delivery } from '../../protocol';
import { openPrivateSqlite } from '../db/privateSqlite';
import type { ChannelLog } from './channelLog';
import { createMemoryLog } from './memoryLog';

export interface SqliteLogOptions {
  dataDir: string;
  retention: number;
  retentionBytes: number;
  dedupeWindow: number;
}

const FILE = 'channel-log.sqlite';
/** Entries past retention are deleted from the file every this many appends to a channel. */
const PRUNE_EVERY = 100;

interface Row {
  channel: string;
  offset: number;
  event: string;
}

export function createSqliteLog(options: SqliteLogOptions): ChannelLog {
  const file = openPrivateSqlite(options.dataDir, FILE);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.exec(`
    CREATE TABLE IF NOT EXISTS log_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS log_entries (
      channel TEXT NOT NULL, offset INTEGER NOT NULL, event TEXT NOT NULL,
      PRIMARY KEY (channel, offset)
    ) WITHOUT ROWID;
  `);
  const storedEpoch = file.prepare<[], { value: string }>(`SELECT value FROM log_meta WHERE key = 'epoch'`).get();
  const epoch = storedEpoch?.value ?? randomBytes(6).toString('hex');
  if (!storedEpoch) file.prepare(`INSERT INTO log_meta (key, value) VALUES ('epoch', ?)`).run(epoch);

  const channels = file.prepare<[], { channel: string }>('SELECT DISTINCT channel FROM log_entries').all();
  const newest = file.prepare<[string, number], Row>(
    'SELECT channel, offset, event FROM log_entries WHERE channel = ? ORDER BY offset DESC LIMIT ?',
  );
  const initial: Delivery[] = [];
  for (const { channel } of channels) {
    const rows = newest.all(channel, options.retention).reverse();
    for (const r of rows) {
      initial.push({ channel, epoch, offset: r.offset, event: LiveEvent.parse(JSON.parse(r.event)) });
    }
  }
  const memory = createMemoryLog({
    epoch,
    retention: options.retention,
    retentionBytes: options.retentionBytes,
    dedupeWindow: options.dedupeWindow,
    initial,
  });
  const insert = file.prepare('INSERT INTO log_entries (channel, offset, event) VALUES (?, ?, ?)');
  const prune = file.prepare('DELETE FROM log_entries WHERE channel = ? AND offset < ?');
  const appends = new Map<string, number>();

  return {
    async append(channel, event) {
      if (!(await memory.placementOf(event.id))) {
        // On disk first: an append the disk refused is not placed, and the caller refuses the batch.
        const offset = (await memory.head(channel)).offset + 1;
        insert.run(channel, offset, JSON.stringify(event));
        const n = (appends.get(channel) ?? 0) + 1;
        appends.set(channel, n);
        if (n % PRUNE_EVERY === 0) prune.run(channel, memory.first(channel));
      }
      return memory.append(channel, event);
    },
    placementOf: (id) => memory.placementOf(id),
    head: (channel) => memory.head(channel),
    readSince: (channel, since, limit) => memory.readSince(channel, since, limit),
    async close() {
      await memory.close();
      file.close();
    },
  };
}
